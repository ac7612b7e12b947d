/**
 * The two workbooks the .xlsx host writes as NEW files: the results of a run (writeResultsPackage) and input tables
 * exported as the next base (writeTablesPackage). Pure: the bytes go to a sink (a file in Node, a Blob in the browser).
 */
import { checkResultsPlan } from '../../../workbook/plan-check';
import type { ResultsPlan } from '../../../workbook/port';
import { WorkbookPackage, type PackageOptions } from './package';
import { renderResultSheet } from './result-sheet';
import type { ZipSink } from './zip';

export interface ResultsPackageReport {
  sheetsWritten: string[];
  cellsWritten: number;
  /** Size of the .xlsx in bytes. */
  bytes: number;
}

/**
 * A new workbook holding the plan's sheets, in order, the first one shown (checkResultsPlan first: an invalid plan
 * throws its HostError before a byte goes to the sink).
 */
export async function writeResultsPackage(
  plan: ResultsPlan,
  sink: ZipSink,
  options: PackageOptions = {},
): Promise<ResultsPackageReport> {
  checkResultsPlan(plan);
  const pkg = new WorkbookPackage(sink, options);
  let cellsWritten = 0;
  for (const [i, sheet] of plan.sheets.entries()) {
    const rendered = renderResultSheet(sheet, pkg.context, { selected: i === 0 });
    cellsWritten += rendered.cells;
    await pkg.addSheet(rendered);
  }
  const { bytes } = await pkg.finish();
  return { sheetsWritten: plan.sheets.map((s) => s.name), cellsWritten, bytes };
}
