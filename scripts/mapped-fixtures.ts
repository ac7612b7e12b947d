/**
 * Writes the bring-your-own-workbook fixtures (test/fixtures/mapped-workbooks.ts) as .xlsx files under
 * test/fixtures/mapped/, each with its saved mapping: workbooks a KAM or a developer can open in Excel to see the
 * styles the mapping reads. `npx tsx scripts/mapped-fixtures.ts`; a test fails when a committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAPPED_FIXTURES } from '../test/fixtures/mapped-workbooks';

void (async () => {
  for (const f of MAPPED_FIXTURES) {
    const file = path.join(__dirname, '..', 'test', 'fixtures', 'mapped', f.file);
    writeFileSync(file, await f.bytes());
    process.stdout.write(`${file}: ${f.what}\n`);
  }
})();
