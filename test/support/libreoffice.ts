/**
 * Test helper: LibreOffice Calc headless as an independent recalculation engine (a TypeScript port of
 * shared/tools/lo-recalc.sh, with no runtime dependency on it).
 *
 * Why a fresh profile: LibreOffice's default for OOXML is OOXMLRecalcMode=1 ("never recalculate"), so a plain
 * conversion returns the CACHED <v> values stored in the file, i.e. our own numbers. A throw-away
 * -env:UserInstallation profile seeded with OOXMLRecalcMode=0 ("always") forces a full recalculation on load.
 * soffice exits 0 even when a conversion fails ("Error: source file could not be loaded"), so every output is
 * checked. A missing soffice THROWS (never skips): CI installs libreoffice-calc-nogui (.ci/run).
 *
 * Caveats (LibreOffice 7.4, Debian 12): numbers are written with 15 significant digits; XLOOKUP, LET, FILTER...
 * are #NAME? before LibreOffice 24.8.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LibreOfficeOptions {
  /** Seconds per soffice run before it (and its children) are killed; default LO_TIMEOUT or 180. */
  timeoutSeconds?: number;
  /** soffice binary; default SOFFICE, else soffice or libreoffice on PATH. */
  soffice?: string;
}

const INSTALL_HINT = 'apt-get install -y --no-install-recommends libreoffice-calc-nogui (.ci/run does it)';

const PROFILE_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** xlsx as Excel 2007+; csv: sep , quote " UTF-8 (76), raw values (not as shown), every sheet in its own file (-1). */
const FILTERS = {
  xlsx: 'xlsx:Calc MS Excel 2007 XML',
  csv: 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
  pdf: 'pdf:calc_pdf_Export',
} as const;
type Format = keyof typeof FILTERS;

function onPath(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found || undefined;
}

/** The soffice binary, or a clear error saying how to install it. */
export function findSoffice(explicit?: string): string {
  const soffice = explicit ?? process.env.SOFFICE ?? onPath('soffice') ?? onPath('libreoffice');
  if (!soffice || (soffice.includes('/') && !existsSync(soffice)))
    throw new Error(`LibreOffice not found (soffice${soffice ? ` at ${soffice}` : ' on PATH'}): ${INSTALL_HINT}`);
  return soffice;
}

/** Runs one soffice conversion of inPath (or several files in one run) into outDir under a fresh forced-recalc profile. */
function convert(inPath: string | string[], outDir: string, format: Format, opts: LibreOfficeOptions): void {
  const soffice = findSoffice(opts.soffice);
  const timeout = opts.timeoutSeconds ?? (Number(process.env.LO_TIMEOUT) || 180);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lo-recalc-profile-'));
  try {
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE_XCU);
    // coreutils timeout runs soffice (a shell script → oosplash → soffice.bin) in its own process group and kills
    // the whole group; spawnSync's own timeout would only kill the shell script.
    const r = spawnSync(
      'timeout',
      [
        '--kill-after=15',
        String(timeout),
        soffice,
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--invisible',
        '--norestore',
        '--nologo',
        '--nodefault',
        '--nolockcheck',
        '--nofirststartwizard',
        '--convert-to',
        FILTERS[format],
        '--outdir',
        outDir,
        ...(Array.isArray(inPath) ? inPath : [inPath]),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const log = `${r.stdout ?? ''}${r.stderr ?? ''}`
      .split('\n')
      .filter((l) => l.trim() && !l.includes('javaldx'))
      .join('\n');
    if (r.error) throw new Error(`LibreOffice (${format}): could not run timeout ${soffice}: ${r.error.message}`);
    if (r.status === 126 || r.status === 127)
      throw new Error(`LibreOffice (${format}): cannot run ${soffice} (exit ${r.status}): ${INSTALL_HINT}\n${log}`);
    if (r.status === 124 || r.status === 137)
      throw new Error(`LibreOffice (${format}): timed out after ${timeout} s converting ${String(inPath)}\n${log}`);
    if (r.status !== 0)
      throw new Error(`LibreOffice (${format}): soffice exited ${r.status ?? r.signal} on ${String(inPath)}\n${log}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function prepare(inPath: string, outDir: string): { inAbs: string; outAbs: string; base: string } {
  const inAbs = path.resolve(inPath);
  if (!existsSync(inAbs)) throw new Error(`LibreOffice: no such file: ${inPath}`);
  const outAbs = path.resolve(outDir);
  mkdirSync(outAbs, { recursive: true });
  return { inAbs, outAbs, base: path.basename(inAbs, path.extname(inAbs)) };
}

const nonEmpty = (f: string) => existsSync(f) && statSync(f).size > 0;

/**
 * Re-saves several workbooks as .xlsx with LibreOffice in one soffice run (as a user who opens and saves them in
 * LibreOffice Calc would): outDir/<base>.xlsx for each, returned in order. Throws when one is missing.
 */
export function resaveWithLibreOffice(
  inPaths: readonly string[],
  outDir: string,
  opts: LibreOfficeOptions = {},
): string[] {
  const outAbs = path.resolve(outDir);
  mkdirSync(outAbs, { recursive: true });
  const outs = inPaths.map((p) => {
    const out = path.join(outAbs, `${path.basename(p, path.extname(p))}.xlsx`);
    if (out === path.resolve(p)) throw new Error('LibreOffice: outDir must differ from the inputs’ folder');
    rmSync(out, { force: true });
    return out;
  });
  convert(
    inPaths.map((p) => path.resolve(p)),
    outAbs,
    'xlsx',
    opts,
  );
  for (const out of outs) if (!nonEmpty(out)) throw new Error(`LibreOffice: no output ${out} (soffice exited 0)`);
  return outs;
}

export interface RecalcOutput {
  /** outDir/<base>.xlsx: the workbook with LibreOffice's recalculated values cached (formulas kept). */
  xlsxPath?: string;
  /** One raw-value CSV per sheet: outDir/<base>-<Sheet>.csv, keyed by sheet name. */
  csvPaths?: Record<string, string>;
}

/**
 * Recalculates inPath with LibreOffice (forced full recalculation on load) and writes outDir/<base>.xlsx
 * and/or outDir/<base>-<Sheet>.csv. Throws when soffice is missing, fails, times out or writes nothing.
 */
export function recalcWithLibreOffice(
  inPath: string,
  outDir: string,
  opts: LibreOfficeOptions & { formats?: ('xlsx' | 'csv')[] } = {},
): RecalcOutput & { xlsxPath: string } {
  const formats = opts.formats ?? ['xlsx'];
  const { inAbs, outAbs, base } = prepare(inPath, outDir);
  const out: RecalcOutput = {};
  if (formats.includes('xlsx')) {
    const xlsxPath = path.join(outAbs, `${base}.xlsx`);
    // Converting a file into its own folder under the same name would overwrite the input.
    if (xlsxPath === inAbs) throw new Error('LibreOffice: outDir must differ from the input file’s folder');
    rmSync(xlsxPath, { force: true });
    convert(inAbs, outAbs, 'xlsx', opts);
    if (!nonEmpty(xlsxPath)) throw new Error(`LibreOffice: no output ${xlsxPath} (soffice exited 0 but wrote nothing)`);
    out.xlsxPath = xlsxPath;
  }
  if (formats.includes('csv')) {
    const prefix = `${base}-`;
    const csvs = () => readdirSync(outAbs).filter((f) => f.startsWith(prefix) && f.endsWith('.csv'));
    for (const f of csvs()) rmSync(path.join(outAbs, f), { force: true });
    convert(inAbs, outAbs, 'csv', opts);
    const found = csvs();
    if (found.length === 0) throw new Error(`LibreOffice: no CSV output in ${outAbs} (soffice exited 0)`);
    out.csvPaths = Object.fromEntries(found.map((f) => [f.slice(prefix.length, -4), path.join(outAbs, f)]));
  }
  return out as RecalcOutput & { xlsxPath: string };
}

/**
 * Prints inPath to outDir/<base>.pdf with LibreOffice (recalculated first, same profile) and returns the text of
 * each page (pdftotext -layout; pages split on form feeds), e.g. to count the pages of a summary sheet.
 */
export function toPdf(
  inPath: string,
  outDir: string,
  opts: LibreOfficeOptions = {},
): { pdfPath: string; pages: string[] } {
  const { inAbs, outAbs, base } = prepare(inPath, outDir);
  const pdfPath = path.join(outAbs, `${base}.pdf`);
  rmSync(pdfPath, { force: true });
  convert(inAbs, outAbs, 'pdf', opts);
  if (!nonEmpty(pdfPath)) throw new Error(`LibreOffice: no output ${pdfPath} (soffice exited 0 but wrote nothing)`);
  const r = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0)
    throw new Error(
      `pdftotext failed on ${pdfPath}: ${r.error?.message ?? r.stderr} (apt-get install -y poppler-utils)`,
    );
  const pages = r.stdout.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop(); // text after the last form feed
  return { pdfPath, pages };
}
