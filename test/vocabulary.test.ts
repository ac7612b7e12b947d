/**
 * One vocabulary (issue 6): every term kind, measure and channel label the pane shows and the result sheets write
 * comes from the same declaration (src/engine/vocabulary.ts, src/engine/term-kinds.ts) and agrees in es and en;
 * and a term kind's id is named only by its descriptor (plus docs and the sample generator, outside src).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHANNELS, idsOf, labelOf, MEASURE_UNITS, MEASURES, TERM_KINDS, type Lang } from '../src/engine';
import { CHANNEL_VALUES, MEASURE_VALUES, TERM_KIND_VALUES } from '../src/workbook/contract/specs';
import { enumLabel } from '../src/workbook/results/names';
import { squash } from '../src/workbook/contract/normalize';
import * as V from '../src/engine/vocabulary';
import { texts } from '../src/taskpane/i18n';

const ROOT = path.resolve(__dirname, '..');
const LANGS: Lang[] = ['es', 'en'];
const sentence = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

describe.each(LANGS)('labels agree between the pane and the result sheets (%s)', (lang) => {
  const t = texts(lang);

  test.each(idsOf(TERM_KINDS))('term kind %s', (id) => {
    const sheet = enumLabel(TERM_KIND_VALUES, id, lang);
    expect(sheet).toBe(labelOf(TERM_KINDS, id, lang));
    expect(t.termKinds[id]).toBe(sentence(sheet));
  });

  test.each(idsOf(MEASURES))('measure %s', (id) => {
    const sheet = enumLabel(MEASURE_VALUES, id, lang);
    expect(sheet).toBe(labelOf(MEASURES, id, lang));
    expect(t.measures[id]).toBe(`${sheet} (${MEASURE_UNITS[id][lang]})`);
  });

  test.each(idsOf(CHANNELS))('channel %s', (id) => {
    const sheet = enumLabel(CHANNEL_VALUES, id, lang);
    expect(sheet).toBe(labelOf(CHANNELS, id, lang));
    expect(t.channels[id]).toBe(sentence(sheet));
  });
});

test('the Spanish and English labels of the volume rebate, as the sheet and the pane write them', () => {
  expect(enumLabel(TERM_KIND_VALUES, 'volume_rebate', 'es')).toBe('bono por volumen');
  expect(texts('es').termKinds.volume_rebate).toBe('Bono por volumen');
  expect(enumLabel(TERM_KIND_VALUES, 'centralizacion', 'en')).toBe('DC allowance');
  expect(texts('en').termKinds.centralizacion).toBe('DC allowance');
});

test("only the term kinds' descriptor names a kind id outside test/ and scripts/ (docs and the sample generator may)", () => {
  const ids = idsOf(TERM_KINDS);
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && !f.startsWith('test/') && !f.startsWith('scripts/') && !f.startsWith('docs/'));
  const pattern = new RegExp(`\\b(${ids.join('|')})\\b`);
  // A file deleted in the working tree but still tracked names nothing.
  const naming = files.filter(
    (f) => existsSync(path.join(ROOT, f)) && pattern.test(readFileSync(path.join(ROOT, f), 'utf8')),
  );
  expect(naming).toEqual(['src/engine/term-kinds.ts']);
});

describe('every word list reads each spelling as one word', () => {
  // A spelling two words share (after folding case, accents and punctuation) would read as whichever comes first.
  type W = { id: string; es: string; en: string; aliases?: readonly string[] };
  const lists = (Object.entries(V) as [string, unknown][]).filter(
    (e): e is [string, readonly W[]] =>
      Array.isArray(e[1]) && e[1].length > 0 && typeof e[1][0] === 'object' && 'es' in (e[1][0] as object),
  );
  test('there are lists to check', () => expect(lists.length).toBeGreaterThan(20));
  test.each(lists)('%s', (_name, words) => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const w of words)
      for (const s of new Set([w.es, w.en, ...(w.aliases ?? [])].map(squash))) {
        const prev = owner.get(s);
        if (prev !== undefined && prev !== w.id) clashes.push(`${s}: ${prev} / ${w.id}`);
        owner.set(s, w.id);
      }
    expect(clashes).toEqual([]);
  });
});
