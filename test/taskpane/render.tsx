/**
 * Shared render set-ups of the pane tests (jsdom): a component inside Fluent's provider, the whole pane on a host,
 * waiting for the pane to settle, and money and percentages formatted the way the pane formats them.
 */
import type { ReactElement } from 'react';
import { render, screen, waitFor, type RenderResult } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Lang } from '../../src/engine';
import type { WorkbookHost } from '../../src/workbook/port';
import { App } from '../../src/taskpane/App';
import { LiveAnnouncer } from '../../src/taskpane/components/LiveAnnouncer';

/** A component as the pane shows it: inside Fluent's provider with the light theme and the pane's live regions. */
export function inFluent(ui: ReactElement): ReactElement {
  return (
    <FluentProvider theme={webLightTheme}>
      <LiveAnnouncer>{ui}</LiveAnnouncer>
    </FluentProvider>
  );
}

/** What the pane last told screen readers politely (its role="status" live region). */
export function politeAnnouncement(): string {
  return screen.getByTestId('live-polite').textContent ?? '';
}

/** The whole pane (App) on a host, in a language. */
export function renderPane(host: WorkbookHost, lang: Lang = 'es'): RenderResult {
  return render(inFluent(<App host={host} lang={lang} />));
}

/** Any phase the pane ends loading in: ready, invalid (contract errors) or failed (host error). */
export const SETTLED = /^(ready|invalid|failed)$/;

/** Waits until the pane's data-phase is the given one (the sample takes a few seconds to compute in jsdom). */
export async function waitForPhase(phase: string | RegExp = SETTLED, timeout = 20000): Promise<void> {
  const expected: unknown = typeof phase === 'string' ? phase : expect.stringMatching(phase);
  await waitFor(() => expect(screen.getByTestId('app')).toHaveAttribute('data-phase', expected), { timeout });
}

const locale = (lang: Lang) => (lang === 'es' ? 'es-MX' : 'en-US');

/** Pesos as the pane writes them: "$" in both languages, with centavos. */
export const money = (lang: Lang) =>
  new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency: 'MXN',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });

/** Percentages with one decimal, as the KPI cards and the P&L show them. */
export const pct = (lang: Lang) =>
  new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
