import { formatters, fromPercentPoints, parseNumberInput, toPercentPoints } from '../../src/taskpane/format';
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
