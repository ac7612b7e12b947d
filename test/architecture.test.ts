/**
 * The layering holds in the source, not just in the docs:
 * - only src/hosts/office touches Excel.*, Office.* or OfficeExtension (the pane talks to a host port);
 * - outside src/hosts/office, only environment.ts of that folder is imported (the pane's single boot);
 * - src/engine is pure: imports only from src/engine, no DOM or Node globals;
 * - arrows point inward: src/workbook imports no host, pane or CLI; hosts import no pane or CLI.
 * Comments are stripped first; identifier checks also ignore string, template and regex literal text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');

// ------------------------------------------------------------------------------------------------ scanner

const REGEX_PRECEDERS = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

/**
 * Splits TypeScript source into `code` (comments blanked, literals kept) and `bare` (comments and the text of
 * string, template and regex literals blanked). Blanking keeps offsets and line breaks.
 */
export function strip(source: string): { code: string; bare: string } {
  const code = source.split('');
  const bare = source.split('');
  const blank = (arr: string[], from: number, to: number): void => {
    for (let k = from; k < to; k++) if (arr[k] !== '\n') arr[k] = ' ';
  };
  let i = 0;
  const n = source.length;
  const templateDepth: number[] = []; // brace depth at which each open `${` returns to its template
  let braces = 0;

  // A slash starts a regex after an operator, an opening bracket, a keyword or nothing; else it divides.
  const regexAllowed = (): boolean => {
    let j = i - 1;
    while (j >= 0 && /\s/.test(code[j])) j--;
    if (j < 0 || REGEX_PRECEDERS.has(code[j])) return true;
    if (!/[\w$]/.test(code[j])) return false;
    let k = j;
    while (k >= 0 && /[\w$]/.test(code[k])) k--;
    return REGEX_KEYWORDS.has(code.slice(k + 1, j + 1).join(''));
  };

  const readString = (quote: string): void => {
    const start = i;
    i++;
    while (i < n && source[i] !== quote) {
      if (source[i] === '\\') i++;
      else if (source[i] === '\n') break; // unterminated: stop at line end
      i++;
    }
    i++;
    blank(bare, start + 1, i - 1);
  };

  const readTemplate = (): void => {
    // From just after a backtick or a closing `}` of ${…}: template text until ` or ${.
    const start = i;
    while (i < n && source[i] !== '`') {
      if (source[i] === '\\') {
        i += 2;
        continue;
      }
      if (source[i] === '$' && source[i + 1] === '{') {
        blank(bare, start, i);
        i += 2;
        templateDepth.push(braces);
        braces++;
        return;
      }
      i++;
    }
    blank(bare, start, i);
    i++; // closing backtick
  };

  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const start = i;
      while (i < n && source[i] !== '\n') i++;
      blank(code, start, i);
      blank(bare, start, i);
      continue;
    }
    if (c === '/' && next === '*') {
      const start = i;
      i = source.indexOf('*/', i + 2);
      i = i < 0 ? n : i + 2;
      blank(code, start, i);
      blank(bare, start, i);
      continue;
    }
    if (c === "'" || c === '"') {
      readString(c);
      continue;
    }
    if (c === '`') {
      i++;
      readTemplate();
      continue;
    }
    if (c === '/' && regexAllowed()) {
      const start = i;
      i++;
      let inClass = false;
      while (i < n && source[i] !== '\n') {
        const ch = source[i];
        if (ch === '\\') i++;
        else if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        i++;
      }
      i++;
      while (i < n && /[a-z]/i.test(source[i])) i++; // flags
      blank(bare, start + 1, i);
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') {
      braces--;
      if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
        templateDepth.pop();
        i++;
        readTemplate();
        continue;
      }
    }
    i++;
  }
  return { code: code.join(''), bare: bare.join('') };
}

/** Module specifiers a file imports (static, dynamic, re-exports, require). */
export function importsOf(code: string): string[] {
  const out: string[] = [];
  // Not a word inside a string: `field: 'from' | 'to'` is no import.
  for (const m of code.matchAll(/(?<!['"\w$.])(?:from|import)\s*\(?\s*(['"])([^'"]+)\1/g)) out.push(m[2]);
  for (const m of code.matchAll(/\brequire\s*\(\s*(['"])([^'"]+)\1/g)) out.push(m[2]);
  return out;
}

const OFFICE_API =
  /(?<![\w$.])(?:Excel|Office)\s*\.\s*[A-Za-z_$]|(?<![\w$])OfficeExtension(?![\w$])|\.\s*(?:Excel|Office)(?![\w$])/;
const ENGINE_GLOBALS =
  /(?<![\w$.])(document|window|navigator|localStorage|fs|process|require|Buffer|__dirname|__filename)(?![\w$])(?!\s*:(?!:))/;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

export function officeApiUses(bare: string): number[] {
  const lines: number[] = [];
  const re = new RegExp(OFFICE_API.source, 'g');
  for (const m of bare.matchAll(re)) lines.push(lineOf(bare, m.index ?? 0));
  return lines;
}

export function engineGlobalUses(bare: string): { name: string; line: number }[] {
  const re = new RegExp(ENGINE_GLOBALS.source, 'g');
  return [...bare.matchAll(re)].map((m) => ({ name: m[1], line: lineOf(bare, m.index ?? 0) }));
}

// ------------------------------------------------------------------------------------------------ the source tree

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const rel = (p: string): string => relative(ROOT, p).split(sep).join('/');
const files = sourceFiles(SRC).map((path) => ({ path, rel: rel(path), ...strip(readFileSync(path, 'utf8')) }));
const inFolder = (f: { rel: string }, folder: string): boolean => f.rel.startsWith(`src/${folder}/`);

/** Where a relative import lands, as a repository path ("src/engine/model"); bare packages stay as written. */
function target(from: string, spec: string): string {
  return spec.startsWith('.') ? rel(resolve(dirname(from), spec)) : spec;
}

describe('the scanner', () => {
  test('finds Office API use in code, not in comments, strings or regexes', () => {
    const src = [
      '// Excel.run in a comment',
      "const a = 'Office.context in a string';",
      'const r = /Office\\.js"/; const q = "it\'s";',
      '/* OfficeExtension.Error */',
      'await Excel.run(batch);', // line 5
      'const t = `text ${Office.context.displayLanguage} more`;', // line 6
      'type E = OfficeExtension.Error;', // line 7
      'const g = (globalThis as any).Office;', // line 8
      'const ok = "Excel."; const excelRun = 1;',
    ].join('\n');
    expect(officeApiUses(strip(src).bare)).toEqual([5, 6, 7, 8]);
  });

  test('keeps import specifiers and finds engine globals', () => {
    const src =
      "import { x } from '../workbook/port';\nexport * from './model';\nconst f = () => import('exceljs');\nif (process.env.X) window.alert(1);\nconst o = { document: 1 };";
    const { code, bare } = strip(src);
    expect(importsOf(code)).toEqual(['../workbook/port', './model', 'exceljs']);
    expect(engineGlobalUses(bare).map((u) => u.name)).toEqual(['process', 'window']);
  });

  test('sees the source tree', () => {
    expect(files.some((f) => f.rel === 'src/hosts/office/host.ts')).toBe(true);
    expect(files.some((f) => inFolder(f, 'engine'))).toBe(true);
  });
});

describe('layering', () => {
  test('only src/hosts/office references Excel.*, Office.* or OfficeExtension', () => {
    const offenders = files
      .filter((f) => !inFolder(f, 'hosts/office'))
      .flatMap((f) => officeApiUses(f.bare).map((line) => `${f.rel}:${line}`));
    expect(offenders).toEqual([]);
  });

  test('outside src/hosts/office, only hosts/office/environment is imported from it', () => {
    const offenders = files
      .filter((f) => !inFolder(f, 'hosts/office'))
      .flatMap((f) => importsOf(f.code).map((spec) => ({ f, t: target(f.path, spec) })))
      .filter(
        ({ t }) => t.startsWith('src/hosts/office') && t.replace(/\.(ts|tsx)$/, '') !== 'src/hosts/office/environment',
      )
      .map(({ f, t }) => `${f.rel} imports ${t}`);
    expect(offenders).toEqual([]);
  });

  test('src/engine imports only from src/engine and uses no DOM or Node globals', () => {
    const engine = files.filter((f) => inFolder(f, 'engine'));
    const imports = engine
      .flatMap((f) => importsOf(f.code).map((spec) => ({ f, t: target(f.path, spec) })))
      .filter(({ t }) => !t.startsWith('src/engine/'))
      .map(({ f, t }) => `${f.rel} imports ${t}`);
    const globals = engine.flatMap((f) => engineGlobalUses(f.bare).map((u) => `${f.rel}:${u.line} uses ${u.name}`));
    expect([...imports, ...globals]).toEqual([]);
  });

  test('arrows point inward: workbook imports no host, pane or CLI; hosts import no pane or CLI', () => {
    const offenders = files
      .flatMap((f) => importsOf(f.code).map((spec) => ({ f, t: target(f.path, spec) })))
      .filter(({ f, t }) => {
        if (inFolder(f, 'workbook')) return /^src\/(hosts|taskpane|cli)\//.test(t);
        if (inFolder(f, 'hosts')) return /^src\/(taskpane|cli)\//.test(t);
        return false;
      })
      .map(({ f, t }) => `${f.rel} imports ${t}`);
    expect(offenders).toEqual([]);
  });
});
