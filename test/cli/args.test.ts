import { defaultOutputPath, langFromEnv, parseArgs } from '../../src/cli/args';
import { progressDisplay } from '../../src/cli/progress';

describe('parseArgs', () => {
  test('run with every option, in both spellings', () => {
    expect(parseArgs(['run', 'cuenta.xlsx', '-o', 'r.xlsx', '--json', '--lang', 'en'])).toEqual({
      kind: 'run',
      input: 'cuenta.xlsx',
      output: 'r.xlsx',
      json: true,
      lang: 'en',
    });
    expect(parseArgs(['run', '--output=r.xlsx', '--lang=es', 'cuenta.xlsx'])).toEqual({
      kind: 'run',
      input: 'cuenta.xlsx',
      output: 'r.xlsx',
      json: false,
      lang: 'es',
    });
    // "--" ends the options: a file may start with "-".
    expect(parseArgs(['run', '--', '-raro.xlsx'])).toMatchObject({ kind: 'run', input: '-raro.xlsx' });
  });

  test('help wins over everything else', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help', lang: undefined });
    expect(parseArgs(['run', '-h', '--lang', 'en'])).toEqual({ kind: 'help', lang: 'en' });
  });

  test.each([
    [[], 'Falta el comando'],
    [['run'], 'Falta el archivo de entrada'],
    [['run', 'a.xlsx', 'b.xlsx'], 'Sobran argumentos: b.xlsx'],
    [['compute', 'a.xlsx'], 'Comando desconocido: compute'],
    [['run', 'a.xlsx', '--fast'], 'Opción desconocida: --fast'],
    [['run', 'a.xlsx', '-o'], '-o necesita la ruta'],
    [['run', 'a.xlsx', '-o', '--json'], '-o necesita la ruta'],
    [['run', 'a.xlsx', '--lang', 'fr'], '--lang acepta "es" o "en", no "fr"'],
    [['run', 'a.xlsx', '--json=yes'], '--json no lleva valor'],
  ])('usage error for %j', (argv, es) => {
    const c = parseArgs(argv);
    expect(c.kind).toBe('usage_error');
    if (c.kind === 'usage_error') {
      expect(c.message.es).toContain(es);
      expect(c.message.en.length).toBeGreaterThan(10);
    }
  });

  test('a usage error keeps the language asked for before it', () => {
    expect(parseArgs(['--lang', 'en', 'run', 'a.xlsx', '--bogus'])).toMatchObject({ kind: 'usage_error', lang: 'en' });
  });
});

describe('langFromEnv', () => {
  test.each([
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'es_MX.UTF-8' }, 'es'],
    [{}, 'es'], // es-MX first
    [{ LANG: 'C.UTF-8' }, 'es'],
    [{ LC_ALL: 'es_MX.UTF-8', LANG: 'en_US.UTF-8' }, 'es'], // LC_ALL overrides LANG
    [{ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'es_MX.UTF-8' }, 'en'],
    [{ LC_ALL: '', LC_MESSAGES: 'EN_us', LANG: 'es_MX' }, 'en'], // empty variables do not count
  ])('%j → %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });
});

test('default output path is out/<name>-resultados.xlsx (es) or -results.xlsx (en)', () => {
  expect(defaultOutputPath('datos/Cuenta Soriana.xlsx', 'es')).toBe('out/Cuenta Soriana-resultados.xlsx');
  expect(defaultOutputPath('C:\\kam\\soriana.XLSX', 'en')).toBe('out/soriana-results.xlsx');
});

describe('progressDisplay', () => {
  test('draws each stage in place on a terminal and clears the line at the end', () => {
    const out: string[] = [];
    const p = progressDisplay({ write: (s) => out.push(s), isTTY: true, lang: 'es', delayMs: 0 });
    p.update('reading', 0);
    p.update('computing', 0.5);
    p.done();
    expect(out).toEqual([
      '\r\x1b[KLeyendo      [....................] 0%',
      '\r\x1b[KCalculando   [##########..........] 50%',
      '\r\x1b[K',
    ]);
  });

  test('prints nothing when stderr is not a terminal, or before the delay has passed', () => {
    const out: string[] = [];
    const piped = progressDisplay({ write: (s) => out.push(s), isTTY: false, lang: 'en', delayMs: 0 });
    piped.update('writing', 1);
    piped.done();
    const quick = progressDisplay({ write: (s) => out.push(s), isTTY: true, lang: 'en', delayMs: 60_000 });
    quick.update('writing', 1);
    quick.done(); // finished long before the delay: the timer is cleared and nothing was drawn
    expect(out).toEqual([]);
  });
});

describe('parseArgs: --into and --force', () => {
  test('--into takes the copy path; --force is a flag', () => {
    expect(parseArgs(['run', 'plan.xlsx', '--into', 'plan-con-resultados.xlsx', '--force'])).toEqual({
      kind: 'run',
      input: 'plan.xlsx',
      output: undefined,
      into: 'plan-con-resultados.xlsx',
      json: false,
      lang: undefined,
      force: true,
    });
    expect(parseArgs(['run', 'plan.xlsx', '--into=copia.xlsm'])).toMatchObject({ into: 'copia.xlsm' });
    expect(parseArgs(['run', 'plan.xlsx'])).not.toHaveProperty('force');
  });

  test.each([
    [['run', 'a.xlsx', '--into'], '--into necesita la ruta', '--into needs the path'],
    [['run', 'a.xlsx', '-o', 'r.xlsx', '--into', 'c.xlsx'], 'Use -o', 'not both'],
    [['run', 'a.xlsx', '--force=yes'], '--force no lleva valor', '--force takes no value'],
    [['export-base', 'a.xlsx', '--scenario', 'X', '--into', 'c.xlsx'], 'use -o, no --into', 'use -o, not --into'],
  ])('usage error for %j', (argv, es, en) => {
    const c = parseArgs(argv);
    expect(c.kind).toBe('usage_error');
    if (c.kind === 'usage_error') {
      expect(c.message.es).toContain(es);
      expect(c.message.en).toContain(en);
    }
  });
});
