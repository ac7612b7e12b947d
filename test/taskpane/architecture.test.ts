/**
 * Layering the pane depends on: only src/hosts/office touches Excel.* / Office.*; ExcelJS never enters the pane's
 * initial JavaScript (only a dynamic import in the memory host's loader).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Code without comments and string literals' contents, so prose mentioning "Office." does not count. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "''");
}

const paneFiles = [
  ...sources(path.join(ROOT, 'src', 'taskpane')),
  ...sources(path.join(ROOT, 'src', 'hosts', 'memory')),
];

test('the pane and the memory host never reference Excel.*, Office.* or OfficeExtension.*', () => {
  expect(paneFiles.length).toBeGreaterThan(10);
  const offenders = paneFiles.filter((f) => /\b(Excel|Office|OfficeExtension|OSF)\s*\??\.\s*[A-Za-z_]/.test(code(f)));
  expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
});

test('the detector catches a reference (so the check above can fail)', () => {
  expect(/\b(Excel|Office|OfficeExtension|OSF)\s*\??\.\s*[A-Za-z_]/.test('await Excel.run(async (ctx) => {})')).toBe(
    true,
  );
});

test('the .xlsx reader and writer are only imported dynamically (a lazy chunk), never statically, by pane code', () => {
  const staticImports = paneFiles.filter((f) =>
    /^\s*import\s+(?!type\b)[^;]*from\s+['"](exceljs|fflate|[./]+xlsx\/[^'"]*)['"]/m.test(readFileSync(f, 'utf8')),
  );
  expect(staticImports.map((f) => path.relative(ROOT, f))).toEqual([]);
  const loader = readFileSync(path.join(ROOT, 'src', 'hosts', 'memory', 'load-xlsx.ts'), 'utf8');
  expect(loader).toMatch(/import\([^)]*'\.\.\/xlsx\/reader'\)/);
});

test('ExcelJS is not in the runtime: no source file imports it (tests keep it as an independent reference)', () => {
  const all = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? all(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
  const importers = all(path.join(ROOT, 'src')).filter((f) => /['"](exceljs|jszip)['"]/.test(readFileSync(f, 'utf8')));
  expect(importers.map((f) => path.relative(ROOT, f))).toEqual([]);
});

test('the pane imports office code only through hosts/office/environment', () => {
  const officeImports = paneFiles.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/from\s+['"]([./]+hosts\/office\/[^'"]+)['"]/g)].map((m) => m[1]),
  );
  expect(officeImports.every((p) => p.endsWith('hosts/office/environment'))).toBe(true);
});
