import {
  COMPACT_FROM,
  compactMoney,
  formatters,
  fromPercentPoints,
  isAbbreviated,
  parseNumberInput,
  pointsDelta,
  toPercentPoints,
} from '../../src/taskpane/format';
import { langFromDisplayLanguage, texts } from '../../src/taskpane/i18n';
import { DEMO_DARK_OFFICE_THEME, fluentThemeFor, isDarkOfficeTheme, luminance } from '../../src/taskpane/theme';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { errorText } from '../../src/taskpane/errors';

describe('formatting (Intl es-MX / en-US, MXN)', () => {
  test('money and percentages', () => {
    expect(formatters('es').money(1234567.891)).toBe('$1,234,567.89');
    // '$' in both languages, as Mexican finance writes pesos (en-US Intl would print "MX$").
    expect(formatters('en').money(1234567.891)).toBe('$1,234,567.89');
    expect(formatters('en').money(-40)).toBe('-$40.00');
    expect(formatters('es').money(-40)).toBe('-$40.00');
    // 0.1234 → 12.3 %; en-US writes no space before %.
    expect(formatters('es').pct(0.1234)).toMatch(/^12\.3\s?%$/); // CLDR versions differ on the space
    expect(formatters('en').pct(0.1234)).toBe('12.3%');
    expect(formatters('es').money(NaN)).toBe('—');
  });

  test('typed numbers: "." decimals, "," thousands, junk refused', () => {
    expect(parseNumberInput('1,250.5')).toBe(1250.5);
    expect(parseNumberInput(' 3.5 % ')).toBe(3.5);
    expect(parseNumberInput('.5')).toBe(0.5);
    expect(parseNumberInput('')).toBeNaN();
    expect(parseNumberInput('3.5.1')).toBeNaN();
    expect(parseNumberInput('abc')).toBeNaN();
  });

  test('percent points without float noise', () => {
    expect(toPercentPoints(0.035)).toBe(3.5); // 0.035 × 100 = 3.5000000000000004 in doubles
    expect(fromPercentPoints(3.5)).toBe(0.035);
    expect(fromPercentPoints(5)).toBe(0.05);
  });
});

describe('long amounts abbreviated as Mexican finance reads them', () => {
  const nb = (s: string) => s.replace(/ /g, '\u00a0'); // number and unit never part at a line end

  test('millions: "mdp" (millones de pesos) in Spanish, where "M" would read as miles; "M" in English', () => {
    expect(compactMoney(109_363_924.4, 'es')).toBe(nb('$109.4 mdp'));
    expect(compactMoney(109_363_924.4, 'en')).toBe('$109.4M');
    expect(compactMoney(-13_715_225.84, 'es')).toBe(nb('-$13.7 mdp'));
    expect(compactMoney(3_280_917.73, 'en')).toBe('$3.3M');
  });

  test('thousands: "mil" / "K"; thousands of millions: "mil mdp" / "B"', () => {
    expect(compactMoney(512_480, 'es')).toBe(nb('$512.5 mil'));
    expect(compactMoney(512_480, 'en')).toBe('$512.5K');
    expect(compactMoney(1_234_567_890, 'es')).toBe(nb('$1.2 mil mdp'));
    expect(compactMoney(1_234_567_890, 'en')).toBe('$1.2B');
  });

  test('exact, with centavos, below the threshold that fits a 320 px pane', () => {
    expect(COMPACT_FROM).toBe(100_000);
    expect(compactMoney(99_999.99, 'es')).toBe('$99,999.99');
    expect(compactMoney(85_000, 'en')).toBe('$85,000.00');
    expect(compactMoney(-40, 'es')).toBe('-$40.00');
    expect(compactMoney(100_000, 'es')).toBe(nb('$100.0 mil'));
    expect(isAbbreviated(99_999.99)).toBe(false);
    expect(isAbbreviated(-100_000)).toBe(true);
  });

  test('rounding never writes 1,000 of a unit: the next unit takes over', () => {
    expect(compactMoney(999_949, 'es')).toBe(nb('$999.9 mil'));
    expect(compactMoney(999_960, 'es')).toBe(nb('$1.0 mdp'));
    expect(compactMoney(999_960, 'en')).toBe('$1.0M');
    expect(compactMoney(999_950_000, 'en')).toBe('$1.0B');
  });

  test('deltas carry their sign; no change reads ±0', () => {
    expect(compactMoney(1_575_000, 'es', { signed: true })).toBe(nb('+$1.6 mdp'));
    expect(compactMoney(-78_369.9, 'en', { signed: true })).toBe('-$78,369.90');
    expect(compactMoney(0, 'es', { signed: true })).toBe('±0');
    expect(compactMoney(0.004, 'en', { signed: true })).toBe('±0');
    expect(compactMoney(NaN, 'es')).toBe('—');
  });

  test('percentage points for changes of a percentage', () => {
    expect(pointsDelta(0.015, 'es')).toBe(nb('+1.5 pp'));
    expect(pointsDelta(-0.0042, 'en')).toBe(nb('-0.4 pp'));
    expect(pointsDelta(0, 'es')).toBe(nb('±0.0 pp'));
    expect(pointsDelta(-0.00004, 'es')).toBe(nb('±0.0 pp'));
    expect(pointsDelta(Infinity, 'en')).toBe('—');
  });
});

describe('language and theme from Office', () => {
  test('en-* gives English, everything else Spanish (es-MX)', () => {
    expect(langFromDisplayLanguage('en-US')).toBe('en');
    expect(langFromDisplayLanguage('en-GB')).toBe('en');
    expect(langFromDisplayLanguage('EN')).toBe('en');
    expect(langFromDisplayLanguage('es-MX')).toBe('es');
    expect(langFromDisplayLanguage('fr-FR')).toBe('es');
    expect(langFromDisplayLanguage('')).toBe('es');
    expect(langFromDisplayLanguage(undefined)).toBe('es');
    expect(texts('es').write).toBe('Escribir resultados');
    expect(texts('en').write).toBe('Write results');
  });

  test('dark Office body background → webDarkTheme', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1, 9);
    expect(luminance('#000')).toBe(0);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#262626' })).toBe(true);
    expect(fluentThemeFor({ bodyBackgroundColor: '#262626' })).toBe(webDarkTheme);
    // The browser demo's ?theme=dark preview uses Office's Black theme background.
    expect(fluentThemeFor(DEMO_DARK_OFFICE_THEME)).toBe(webDarkTheme);
    expect(fluentThemeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
    expect(fluentThemeFor(undefined)).toBe(webLightTheme);
  });

  test('errors in the pane language: bilingual adapters, plain errors, anything else', () => {
    const bilingual = Object.assign(new Error('x'), { es: 'No se pudo', en: 'Could not' });
    expect(errorText(bilingual, 'es')).toBe('No se pudo');
    expect(errorText(bilingual, 'en')).toBe('Could not');
    expect(errorText(new Error('plain'), 'es')).toBe('plain');
    expect(errorText({ code: 7 }, 'en')).toBe('{"code":7}');
  });
});
