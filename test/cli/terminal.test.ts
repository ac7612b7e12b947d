/**
 * Text from the workbook, a file name or the command line cannot drive the terminal or forge a line of the CLI's
 * output: src/cli/terminal.ts on its own, then the CLI in-process on a workbook whose cells hold ESC sequences, C1
 * controls, a bidi override and newlines. --json keeps the text exactly and is still one valid JSON object.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import { terminalSafe, terminalSafeLines } from '../../src/cli/terminal';
import { hostErrorText } from '../../src/cli/messages';
import { tinyInputTables, writeInputWorkbook } from './input';

/** The characters of `text` a terminal must never receive raw (the CLI's own "\n" between lines aside), as U+XXXX. */
function rawUnsafe(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const unsafe =
      (c <= 0x1f && c !== 0x0a) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069);
    if (unsafe) found.push(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return found;
}

describe('terminalSafe', () => {
  test.each([
    ['\x1b[2J\x1b[31mrojo', '\\x1b[2J\\x1b[31mrojo'],
    ['a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['\x00\x07\x08\x7f', '\\x00\\x07\\x08\\x7f'],
    ['\x85\x9b31m', '\\x85\\x9b31m'],
    ['factura\u202egnp.exe', 'factura\\u202egnp.exe'],
    ['\u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069', '\\u202a\\u202b\\u202c\\u202d \\u2066\\u2067\\u2068\\u2069'],
    ['uno\u2028dos\u2029', 'uno\\u2028dos\\u2029'],
  ])('%j is printed as %j', (raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
    expect(rawUnsafe(terminalSafe(raw))).toEqual([]);
    expect(terminalSafe(raw)).not.toContain('\n');
  });

  test('ordinary text, accents, «», emoji, the euro and a backslash pass unchanged', () => {
    const text = 'Walmart de México «Año» “quotes” — 💡 € 100 % C:\\datos\\x1b.xlsx ñ \u00a0 \u00ff \u200b';
    expect(terminalSafe(text)).toBe(text);
    expect(terminalSafe('')).toBe('');
  });

  test('terminalSafeLines keeps the line breaks and escapes everything else on each line', () => {
    expect(terminalSafeLines('uno\x1b[K\n  dos\r\ntres\u202e')).toBe('uno\\x1b[K\n  dos\\r\ntres\\u202e');
  });

  test('hostErrorText escapes the sentence and the technical detail, and keeps its own second line', () => {
    const text = hostErrorText(
      {
        es: 'No se pudo leer «a\x1b[2Jb.xlsx».',
        en: 'Could not read "a\x1b[2Jb.xlsx".',
        cause: new Error("ENOENT: no such file, open 'a\x1b[2Jb.xlsx'\nFAKE"),
      },
      'en',
    );
    expect(text.split('\n')).toEqual([
      'trade-terms: Could not read "a\\x1b[2Jb.xlsx".',
      "  Technical detail (original message): ENOENT: no such file, open 'a\\x1b[2Jb.xlsx'\\nFAKE",
    ]);
  });
});

describe('the CLI on a workbook whose text holds controls', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttm-cli-terminal-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], io: Partial<CliIo> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { LANG: 'en_US.UTF-8' },
      cwd: dir,
      stderrIsTTY: false,
      now: () => new Date(Date.UTC(2026, 2, 1, 12, 0)),
      ...io,
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  // Excel writes a control character in a cell as _xHHHH_ (XML cannot hold it raw); the reader decodes it. ExcelJS
  // writes the text as given, so the fixture spells the controls that way. The newline and U+202E are written raw.
  const FORGED_NAME = 'Walmart_x001B_[2J_x001B_[31m_x009B_1m\nResults written to: evil.xlsx\u202egnp.exe_x0085__x0007_';
  const NAME_AS_READ = 'Walmart\x1b[2J\x1b[31m\x9b1m\nResults written to: evil.xlsx\u202egnp.exe\x85\x07';
  const NAME_AS_SHOWN = 'Walmart\\x1b[2J\\x1b[31m\\x9b1m\\nResults written to: evil.xlsx\\u202egnp.exe\\x85\\x07';

  async function forgedWorkbook(): Promise<string> {
    const tables = tinyInputTables();
    tables.find((t) => t.name === 'Clientes')!.rows[0][1] = FORGED_NAME;
    const file = path.join(dir, 'forged.xlsx');
    await writeInputWorkbook(file, tables);
    return file;
  }

  test('a customer name with ESC, C1, bidi and a newline prints escaped on its own summary line', async () => {
    const input = await forgedWorkbook();
    const r = await run(['run', input, '-o', 'r.xlsx']);
    expect(r.code).toBe(0);
    expect(rawUnsafe(r.stdout)).toEqual([]);
    expect(rawUnsafe(r.stderr)).toEqual([]);
    const lines = r.stdout.split('\n');
    // One "Results written to:" line, the CLI's own, first; the forged one is inside the customer's line.
    expect(lines.filter((l) => l.startsWith('Results written to:'))).toEqual(['Results written to: r.xlsx']);
    const customer = lines.filter((l) => l.includes('(WMT)'));
    expect(customer).toHaveLength(1);
    expect(customer[0].startsWith(`${NAME_AS_SHOWN} (WMT)`)).toBe(true);
    expect(customer[0]).toMatch(/\$4,000\.00\s+6\.9%\s+\$3,724\.00\s+29\.5%$/);
  });

  test('--json keeps the name exactly as the workbook has it, and stdout is one JSON object', async () => {
    const input = await forgedWorkbook();
    const r = await run(['run', input, '-o', 'r.xlsx', '--json']);
    expect(r.code).toBe(0);
    // JSON.stringify escapes U+0000–U+001F; the CLI escapes the C1 controls and bidi characters it leaves raw. Only
    // the pretty-printing's own newlines are raw.
    expect(rawUnsafe(r.stdout)).toEqual([]);
    expect(r.stdout).toContain(
      '"name": "Walmart\\u001b[2J\\u001b[31m\\u009b1m\\nResults written to: evil.xlsx\\u202egnp.exe\\u0085\\u0007"',
    );
    const doc = JSON.parse(r.stdout) as { exitCode: number; customers: { id: string; name: string }[] };
    expect(doc.exitCode).toBe(0);
    expect(doc.customers.find((c) => c.id === 'WMT')!.name).toBe(NAME_AS_READ);
  });

  test('a cell value quoted in an error cannot start a fake numbered line', async () => {
    const tables = tinyInputTables();
    // Sheet row 3: text in a numeric cell, with an ESC sequence and a fake second error after a newline.
    tables.find((t) => t.name === 'VolumenesBase')!.rows[1][3] = 'cien_x001B_[31m\n2. FAKE error\r';
    const input = path.join(dir, 'bad.xlsx');
    await writeInputWorkbook(input, tables);
    const r = await run(['run', input]);
    expect(r.code).toBe(1);
    expect(rawUnsafe(r.stderr)).toEqual([]);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'The workbook has 1 error:',
      // XML keeps no raw carriage return: the cell's "\r" is read back as "\n".
      `1. Table VolumenesBase, row 3, column "Volumen base" ('Volúmenes base'!D3): "cien\\x1b[31m\\n2. FAKE error\\n" is not a number.`,
      'No results file was written; fix the workbook and run again.',
    ]);
    const json = await run(['run', input, '--json']);
    const doc = JSON.parse(json.stdout) as { exitCode: number; errors: { es: string; en: string }[] };
    expect(doc.exitCode).toBe(1);
    expect(doc.errors[0].en).toContain('"cien\x1b[31m\n2. FAKE error\n"');
  });

  test('a file name and an unknown option are escaped in the messages that quote them', async () => {
    const missing = await run(['run', 'nada\x1b[2J\u202e.xlsx']);
    expect(missing.code).toBe(2);
    expect(rawUnsafe(missing.stderr)).toEqual([]);
    expect(missing.stderr).toContain('nada\\x1b[2J\\u202e.xlsx');
    const option = await run(['run', 'a.xlsx', '--\x1b[31mrojo\nOK']);
    expect(option.code).toBe(2);
    expect(option.stderr.split('\n')).toEqual([
      'trade-terms: Unknown option: --\\x1b[31mrojo\\nOK',
      'Run `trade-terms --help` for usage.',
      '',
    ]);
  });
});
