/** Office theme → Fluent theme: a dark Office body background gets webDarkTheme, anything else webLightTheme. */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
}

/** Relative luminance (WCAG) of "#rrggbb" / "#rgb"; NaN when unreadable. */
export function luminance(color: string): number {
  let hex = color.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return NaN;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function isDarkOfficeTheme(theme: OfficeThemeColors | undefined | null): boolean {
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : NaN;
  return l < 0.2; // NaN (no theme) compares false: light
}

export function fluentThemeFor(theme: OfficeThemeColors | undefined | null): Theme {
  return isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme;
}

/** Office's "Black" theme body background, for previewing the dark theme in the browser demo (?theme=dark). */
export const DEMO_DARK_OFFICE_THEME: OfficeThemeColors = { bodyBackgroundColor: '#262626' };
