/** Rewrites docs/workbook.md's troubleshooting section from the catalogue of broken workbooks. */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withTroubleshooting } from '../test/fixtures/troubleshooting';

const doc = path.join(__dirname, '..', 'docs', 'workbook.md');
writeFileSync(doc, withTroubleshooting(readFileSync(doc, 'utf8')));
process.stdout.write(`${doc}: troubleshooting section written\n`);
