/**
 * The package checker (test/support/ooxml-check.ts): valid packages pass (the bundled sample, ExcelJS's output, the
 * merge fixture) and each mutation that makes Excel repair a file yields exactly the problem expected.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { computeModel } from '../../src/engine';
import { writeResultsInto } from './exceljs';
import { buildResultsPlan } from '../../src/workbook/results';
import { tinyModel } from '../xlsx/fixture';
import {
  editPackage,
  mergeFixture,
  MERGE_FIXTURE,
  mustReplace,
  SAMPLE_PATH,
  type PartEdit,
} from '../fixtures/merge-fixture';
import {
  checkPackage,
  expectValidPackage,
  formatProblem,
  parseRange,
  type PackageProblem,
  type ProblemRule,
} from './ooxml-check';

const sample = new Uint8Array(readFileSync(SAMPLE_PATH));
let fixture: Uint8Array;
let macroFixture: Uint8Array;
beforeAll(() => {
  fixture = mergeFixture();
  macroFixture = mergeFixture({ macro: true });
});

/** The problems of `bytes` once edited by `edits`. */
function problemsAfter(bytes: Uint8Array, edits: Record<string, PartEdit>): PackageProblem[] {
  return checkPackage(editPackage(bytes, edits));
}

/** Expects exactly one problem, of this rule, part and severity, whose message matches `message`. */
function expectOnly(
  problems: PackageProblem[],
  rule: ProblemRule,
  part: string,
  message: RegExp,
  severity: 'error' | 'warning' = 'error',
): void {
  expect(problems.map(formatProblem)).toHaveLength(1);
  expect(problems[0]).toEqual({ severity, rule, part, message: expect.stringMatching(message) as string });
}

const SHEET3 = 'xl/worksheets/sheet3.xml'; // Clientes, table2 (Clientes, A1:F9)
const SHEET3_RELS = 'xl/worksheets/_rels/sheet3.xml.rels';
const TABLE2 = 'xl/tables/table2.xml';
const addRel = (xml: string, rel: string) => mustReplace(xml, '</Relationships>', `${rel}</Relationships>`);

describe('valid packages pass', () => {
  test('the bundled sample', () => {
    expect(checkPackage(sample).map(formatProblem)).toEqual([]);
  });

  test('results written by ExcelJS (writeResultsInto on a new workbook), in both languages', async () => {
    const model = tinyModel();
    const source = { name: 'entrada.xlsx', fingerprint: '0'.repeat(64), fingerprintOf: 'file' as const };
    for (const lang of ['es', 'en'] as const) {
      const wb = new ExcelJS.Workbook();
      const plan = buildResultsPlan(model, computeModel(model), {
        lang,
        source,
        runAt: new Date(Date.UTC(2026, 0, 15)),
      });
      writeResultsInto(wb, plan);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      expect(checkPackage(bytes).map(formatProblem)).toEqual([]);
    }
  });

  test('the sample read and written again by ExcelJS', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sample) as unknown as ExcelJS.Buffer);
    expect(checkPackage(new Uint8Array(await wb.xlsx.writeBuffer())).map(formatProblem)).toEqual([]);
  });

  test('the merge fixture, .xlsx and .xlsm, warnings included', () => {
    expect(() => expectValidPackage(fixture, { warnings: 'fail' })).not.toThrow();
    expect(() => expectValidPackage(macroFixture, { warnings: 'fail' })).not.toThrow();
  });
});

describe('element order (ECMA-376 sequences)', () => {
  test('sheetViews moved after sheetData', () => {
    const problems = problemsAfter(sample, {
      [SHEET3]: (xml) => {
        const views = /<sheetViews>.*?<\/sheetViews>/.exec(xml)![0];
        return mustReplace(xml.replace(views, ''), '</sheetData>', `</sheetData>${views}`);
      },
    });
    expectOnly(problems, 'element-order', SHEET3, /<sheetViews> after <sheetData>.*CT_Worksheet/);
  });

  test('an element SpreadsheetML does not allow there, and a second <dimension>', () => {
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) => mustReplace(xml, '<dimension ref="A1:F9"/>', '<dimension ref="A1:F9"/><foo/>'),
      }),
      'element-order',
      SHEET3,
      /<foo> is not allowed in <worksheet>/,
    );
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) =>
          mustReplace(xml, '<dimension ref="A1:F9"/>', '<dimension ref="A1:F9"/><dimension ref="A1"/>'),
      }),
      'element-order',
      SHEET3,
      /more than 1 <dimension>/,
    );
  });

  test('<v> before <f> in a cell, and tableStyleInfo before tableColumns', () => {
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) => mustReplace(xml, '<c r="D2"><v>90</v></c>', '<c r="D2"><v>90</v><f>60+30</f></c>'),
      }),
      'element-order',
      SHEET3,
      /<f> after <v> in <c>.*CT_Cell/,
    );
    expectOnly(
      problemsAfter(sample, {
        [TABLE2]: (xml) => {
          const style = /<tableStyleInfo [^>]*\/>/.exec(xml)![0];
          return mustReplace(xml.replace(style, ''), '<tableColumns', `${style}<tableColumns`);
        },
      }),
      'element-order',
      TABLE2,
      /<tableColumns> after <tableStyleInfo>/,
    );
  });

  test('elements outside SpreadsheetML (extensions, mc:AlternateContent) are not ordered', () => {
    expect(
      problemsAfter(sample, {
        'xl/workbook.xml': (xml) =>
          mustReplace(
            xml,
            '<sheets>',
            '<mc:AlternateContent><mc:Choice Requires="x15"><x15:x/></mc:Choice></mc:AlternateContent><sheets>',
          ),
      }),
    ).toEqual([]);
  });
});

describe('content types', () => {
  test('a removed worksheet Override leaves the part application/xml', () => {
    const problems = problemsAfter(sample, {
      '[Content_Types].xml': (xml) =>
        mustReplace(xml, /<Override PartName="\/xl\/worksheets\/sheet2\.xml" [^>]*\/>/, ''),
    });
    expectOnly(problems, 'content-type', 'xl/worksheets/sheet2.xml', /application\/xml.*worksheet/);
  });

  test('a part with no content type at all', () => {
    const problems = problemsAfter(sample, { 'xl/printerSettings/printerSettings1.bin': new Uint8Array([1, 2, 3]) });
    expectOnly(problems, 'content-type', 'xl/printerSettings/printerSettings1.bin', /no content type/);
  });

  test('an Override naming a part the package lacks', () => {
    const problems = problemsAfter(sample, {
      '[Content_Types].xml': (xml) =>
        mustReplace(xml, '</Types>', `<Override PartName="/xl/worksheets/sheet99.xml" ContentType="x"/></Types>`),
    });
    expectOnly(problems, 'content-type-override', '[Content_Types].xml', /\/xl\/worksheets\/sheet99\.xml/);
  });

  test('a VBA project in a workbook whose content type is not macro-enabled', () => {
    const problems = problemsAfter(macroFixture, {
      '[Content_Types].xml': (xml) =>
        mustReplace(
          xml,
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        ),
    });
    expectOnly(problems, 'content-type', 'xl/workbook.xml', /VBA project.*not macro-enabled/);
  });
});

describe('relationships', () => {
  test('a dangling relationship', () => {
    const problems = problemsAfter(sample, {
      [SHEET3_RELS]: (xml) =>
        addRel(
          xml,
          '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing9.xml"/>',
        ),
    });
    expectOnly(problems, 'rel-target', SHEET3_RELS, /rId9 \(drawing\).*drawing9\.xml: no such part/);
  });

  test('a relationship id used twice', () => {
    const problems = problemsAfter(sample, {
      [SHEET3_RELS]: (xml) =>
        addRel(
          xml,
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="../theme/theme1.xml"/>',
        ),
    });
    expectOnly(problems, 'rel-id', SHEET3_RELS, /rId1 used twice/);
  });

  test('an r:id missing from the .rels, and one of the wrong type', () => {
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) => mustReplace(xml, '<tablePart r:id="rId1"/>', '<tablePart r:id="rId7"/>'),
      }),
      'rel-missing',
      SHEET3,
      /<tablePart> uses r:id rId7, not in xl\/worksheets\/_rels\/sheet3\.xml\.rels/,
    );
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) => mustReplace(xml, '<tableParts', '<drawing r:id="rId1"/><tableParts'),
      }),
      'rel-type',
      SHEET3,
      /<drawing> uses r:id rId1, a table relationship/,
    );
  });

  test('a package without its officeDocument relationship', () => {
    const problems = problemsAfter(sample, {
      '_rels/.rels': (xml) => mustReplace(xml, /<Relationship Id="rId1" [^>]*officeDocument[^>]*\/>/, ''),
    });
    expectOnly(problems, 'rel-root', '_rels/.rels', /0 officeDocument relationships/);
  });

  test('a chart whose relationship is missing from the drawing', () => {
    const problems = problemsAfter(fixture, {
      [MERGE_FIXTURE.drawingPart]: (xml) => mustReplace(xml, 'r:id="rId1"', 'r:id="rId2"'),
    });
    expectOnly(problems, 'rel-missing', MERGE_FIXTURE.drawingPart, /<c:chart> uses r:id rId2/);
  });
});

describe('XML', () => {
  test('a part that is not well-formed', () => {
    const problems = problemsAfter(sample, { [SHEET3]: (xml) => mustReplace(xml, '</row>', '') });
    expectOnly(problems, 'xml', SHEET3, /not well-formed/);
  });

  test('mc:Ignorable naming an undeclared prefix', () => {
    const problems = problemsAfter(sample, {
      [SHEET3]: (xml) => mustReplace(xml, 'mc:Ignorable="x14ac"', 'mc:Ignorable="x14ac xr"'),
    });
    expectOnly(problems, 'xml', SHEET3, /undeclared prefix "xr"/);
  });

  test('bytes that are not a zip', () => {
    expectOnly(checkPackage(new TextEncoder().encode('not a zip')), 'zip', '', /not a zip/);
  });
});

describe('sheet data', () => {
  test('a style index beyond cellXfs', () => {
    const problems = problemsAfter(sample, {
      [SHEET3]: (xml) => mustReplace(xml, '<c r="E2" s="4">', '<c r="E2" s="99">'),
    });
    expectOnly(problems, 'style-index', SHEET3, /cell E2: s="99" but cellXfs holds 12 xf/);
  });

  test('a shared string index beyond the table, and an unknown cell type', () => {
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) => mustReplace(xml, '<c r="A2" t="s"><v>65</v>', '<c r="A2" t="s"><v>9999</v>'),
      }),
      'shared-string',
      SHEET3,
      /cell A2 holds shared string 9999; there are 572/,
    );
    expectOnly(
      problemsAfter(sample, { [SHEET3]: (xml) => mustReplace(xml, '<c r="D2">', '<c r="D2" t="x">') }),
      'cell',
      SHEET3,
      /cell D2 has t="x"/,
    );
  });

  test('a cell outside its row, cells out of order, rows out of order', () => {
    expectOnly(
      problemsAfter(sample, { [SHEET3]: (xml) => mustReplace(xml, '<c r="B2" ', '<c r="B3" ') }),
      'cell',
      SHEET3,
      /cell B3 sits in row 2/,
    );
    expectOnly(
      problemsAfter(sample, { [SHEET3]: (xml) => mustReplace(xml, '<c r="C2" ', '<c r="A2" ') }),
      'cell',
      SHEET3,
      /cell A2 comes after column B in row 2/,
    );
    expectOnly(
      problemsAfter(sample, {
        [SHEET3]: (xml) => {
          const row9 = /<row r="9".*?<\/row>/.exec(xml)![0];
          return mustReplace(xml.replace(row9, ''), '<row r="8"', `${row9}<row r="8"`);
        },
      }),
      'sheet-data',
      SHEET3,
      /row 8 comes after row 9/,
    );
  });

  test('a number cell holding text', () => {
    const problems = problemsAfter(sample, {
      [SHEET3]: (xml) => mustReplace(xml, '<c r="D2"><v>90</v>', '<c r="D2"><v>noventa</v>'),
    });
    expectOnly(problems, 'cell', SHEET3, /cell D2 is a number holding "noventa"/);
  });
});

describe('styles', () => {
  test('a wrong count attribute', () => {
    const problems = problemsAfter(sample, {
      'xl/styles.xml': (xml) => mustReplace(xml, '<cellXfs count="12">', '<cellXfs count="13">'),
    });
    expectOnly(problems, 'style-count', 'xl/styles.xml', /<cellXfs count="13"> holds 12 <xf>/);
  });

  test('an xf with an undefined custom number format and one with a font out of range', () => {
    expectOnly(
      problemsAfter(sample, { 'xl/styles.xml': (xml) => mustReplace(xml, '<xf numFmtId="168"', '<xf numFmtId="170"') }),
      'style-ref',
      'xl/styles.xml',
      /cellXfs xf 11: numFmtId="170" is neither built in nor defined/,
    );
    expectOnly(
      problemsAfter(sample, {
        'xl/styles.xml': (xml) => mustReplace(xml, '<xf numFmtId="168" fontId="0"', '<xf numFmtId="168" fontId="3"'),
      }),
      'style-ref',
      'xl/styles.xml',
      /cellXfs xf 11: fontId="3" but there are 3 fonts/,
    );
  });
});

describe('tables', () => {
  test('a column name that differs from its header cell', () => {
    const problems = problemsAfter(sample, {
      [TABLE2]: (xml) => mustReplace(xml, 'name="Nombre"', 'name="Nombre completo"'),
    });
    expectOnly(
      problems,
      'table-header',
      TABLE2,
      /column 2 is named "Nombre completo" but header cell Clientes!B1 holds "Nombre"/,
    );
  });

  test('no header comparison when headerRowCount="0"', () => {
    const problems = problemsAfter(sample, {
      [TABLE2]: (xml) =>
        mustReplace(
          mustReplace(xml, 'name="Nombre"', 'name="Nombre completo"'),
          'headerRowCount="1"',
          'headerRowCount="0"',
        ),
    });
    expect(problems).toEqual([]);
  });

  test('a duplicate table id', () => {
    const problems = problemsAfter(sample, { 'xl/tables/table3.xml': (xml) => mustReplace(xml, ' id="3"', ' id="2"') });
    expectOnly(problems, 'table-id', 'xl/tables/table3.xml', /table id 2 is also the id of xl\/tables\/table2\.xml/);
  });

  test('a table named like another (case-insensitive), like a defined name, or invalidly', () => {
    expectOnly(
      problemsAfter(sample, {
        'xl/tables/table3.xml': (xml) => mustReplace(xml, 'displayName="Productos"', 'displayName="CLIENTES"'),
      }),
      'table-name',
      'xl/tables/table3.xml',
      /table name "CLIENTES" is also used by xl\/tables\/table2\.xml/,
    );
    expectOnly(
      problemsAfter(sample, {
        'xl/workbook.xml': (xml) =>
          mustReplace(
            xml,
            '</sheets>',
            '</sheets><definedNames><definedName name="clientes">Clientes!$A$1</definedName></definedNames>',
          ),
      }),
      'table-name',
      TABLE2,
      /"Clientes" is also a defined name/,
    );
    expectOnly(
      problemsAfter(sample, {
        [TABLE2]: (xml) => mustReplace(xml, 'displayName="Clientes"', 'displayName="Mis clientes"'),
      }),
      'table-name',
      TABLE2,
      /"Mis clientes" is not a valid table name/,
    );
  });

  test('tableColumns narrower than the ref, a bad ref, an autoFilter outside the table', () => {
    expectOnly(
      problemsAfter(sample, {
        [TABLE2]: (xml) =>
          mustReplace(
            mustReplace(xml, /<tableColumn id="6" [^>]*\/>/, ''),
            '<tableColumns count="6">',
            '<tableColumns count="5">',
          ),
      }),
      'table-columns',
      TABLE2,
      /5 tableColumns for a ref 6 columns wide/,
    );
    expectOnly(
      problemsAfter(sample, { [TABLE2]: (xml) => mustReplace(xml, 'ref="A1:F9" totals', 'ref="F9:A1" totals') }),
      'table-ref',
      TABLE2,
      /ref "F9:A1" is not a range/,
    );
    expectOnly(
      problemsAfter(sample, {
        [TABLE2]: (xml) => mustReplace(xml, '<autoFilter ref="A1:F9">', '<autoFilter ref="A1:G9">'),
      }),
      'table-autofilter',
      TABLE2,
      /autoFilter ref "A1:G9" is not inside A1:F9/,
    );
  });
});

describe('workbook', () => {
  test('sheet names: duplicate (case-insensitive), forbidden character, too long', () => {
    const rename = (to: string) =>
      problemsAfter(sample, { 'xl/workbook.xml': (xml) => mustReplace(xml, 'name="Productos"', `name="${to}"`) });
    expectOnly(rename('CLIENTES'), 'sheet-name', 'xl/workbook.xml', /two sheets named "CLIENTES"/);
    expectOnly(rename('Costo/servir'), 'sheet-name', 'xl/workbook.xml', /holds one of/);
    expectOnly(rename('x'.repeat(32)), 'sheet-name', 'xl/workbook.xml', /has 32 characters/);
  });

  test('a sheetId used twice', () => {
    const problems = problemsAfter(sample, {
      'xl/workbook.xml': (xml) => mustReplace(xml, 'sheetId="4"', 'sheetId="3"'),
    });
    expectOnly(problems, 'sheet-id', 'xl/workbook.xml', /sheetId 3 used twice/);
  });

  test('defined names: the same name twice in a scope, a scope beyond the sheets; fine in two scopes', () => {
    const withNames = (names: string) =>
      problemsAfter(sample, {
        'xl/workbook.xml': (xml) => mustReplace(xml, '</sheets>', `</sheets><definedNames>${names}</definedNames>`),
      });
    expectOnly(
      withNames(
        '<definedName name="Tasa">Clientes!$A$1</definedName><definedName name="TASA">Clientes!$A$2</definedName>',
      ),
      'defined-name',
      'xl/workbook.xml',
      /"TASA" defined twice in the workbook/,
    );
    expectOnly(
      withNames('<definedName name="Tasa" localSheetId="16">Clientes!$A$1</definedName>'),
      'defined-name',
      'xl/workbook.xml',
      /localSheetId 16; the workbook has 16 sheets/,
    );
    expect(
      withNames(
        '<definedName name="Tasa">Clientes!$A$1</definedName><definedName name="Tasa" localSheetId="2">Clientes!$A$2</definedName>',
      ),
    ).toEqual([]);
  });

  test('no visible sheet; an activeTab on a hidden sheet', () => {
    expectOnly(
      problemsAfter(sample, { 'xl/workbook.xml': (xml) => xml.replace(/state="visible"/g, 'state="hidden"') }),
      'visible-sheet',
      'xl/workbook.xml',
      /every sheet is hidden/,
    );
    expectOnly(
      problemsAfter(sample, {
        'xl/workbook.xml': (xml) =>
          mustReplace(
            mustReplace(xml, '<sheets>', '<bookViews><workbookView activeTab="2"/></bookViews><sheets>'),
            'name="Clientes" state="visible"',
            'name="Clientes" state="hidden"',
          ),
      }),
      'active-tab',
      'xl/workbook.xml',
      /activeTab="2" is the hidden sheet "Clientes"/,
    );
  });
});

describe('calcChain, pivot tables, app.xml', () => {
  test('a calcChain entry pointing at a cell without a formula', () => {
    const problems = problemsAfter(fixture, {
      [MERGE_FIXTURE.calcChainPart]: (xml) => mustReplace(xml, '<c r="B5"/>', '<c r="B6"/>'),
    });
    expectOnly(problems, 'calc-chain', MERGE_FIXTURE.calcChainPart, /Notas KAM!B6 holds no formula/);
  });

  test('a calcChain entry on a sheetId no sheet has', () => {
    const problems = problemsAfter(fixture, {
      [MERGE_FIXTURE.calcChainPart]: (xml) => mustReplace(xml, '<c r="B5"/>', '<c r="B5" i="40"/>'),
    });
    // B7 inherits i="40" from B5: both are reported.
    expect(problems.map((p) => [p.rule, p.message])).toEqual([
      ['calc-chain', 'B5: i="40" is no sheet\'s sheetId'],
      ['calc-chain', 'B7: i="40" is no sheet\'s sheetId'],
    ]);
  });

  test('a pivot record indexing a shared item that does not exist; a pivot table on an unknown cache', () => {
    expectOnly(
      problemsAfter(fixture, {
        [MERGE_FIXTURE.pivotRecordsPart]: (xml) =>
          mustReplace(xml, '<x v="7"/><x v="7"/><x v="3"/>', '<x v="7"/><x v="7"/><x v="4"/>'),
      }),
      'pivot',
      MERGE_FIXTURE.pivotRecordsPart,
      /record 8 field 3: <x v="4"\/> but 4 shared items/,
    );
    expectOnly(
      problemsAfter(fixture, {
        [MERGE_FIXTURE.pivotTablePart]: (xml) => mustReplace(xml, 'cacheId="1"', 'cacheId="2"'),
      }),
      'pivot',
      MERGE_FIXTURE.pivotTablePart,
      /cacheId 2 is not among the workbook's pivotCaches/,
    );
  });

  test('app.xml: a TitlesOfParts size that does not match is a warning only', () => {
    const bytes = editPackage(sample, {
      'docProps/app.xml': (xml) =>
        mustReplace(xml, '<vt:vector size="16" baseType="lpstr">', '<vt:vector size="17" baseType="lpstr">'),
    });
    expectOnly(
      checkPackage(bytes),
      'app-properties',
      'docProps/app.xml',
      /TitlesOfParts vector size="17" holds 16/,
      'warning',
    );
    expect(() => expectValidPackage(bytes)).not.toThrow();
    expect(() => expectValidPackage(bytes, { warnings: 'fail' })).toThrow(/warning \[app-properties\]/);
  });
});

test('expectValidPackage lists every problem', () => {
  const bytes = editPackage(sample, {
    'xl/styles.xml': (xml) => mustReplace(xml, '<cellXfs count="12">', '<cellXfs count="13">'),
    [TABLE2]: (xml) => mustReplace(xml, ' id="2"', ' id="1"'),
  });
  expect(() => expectValidPackage(bytes)).toThrow(
    /2 problem\(s\):\nerror \[style-count\] xl\/styles\.xml: .*\nerror \[table-id\] xl\/tables\/table2\.xml: /,
  );
});

test('parseRange', () => {
  expect(parseRange('B3:D10')).toEqual({ top: 3, left: 2, bottom: 10, right: 4 });
  expect(parseRange('XFD1048576')).toEqual({ top: 1048576, left: 16384, bottom: 1048576, right: 16384 });
  expect(parseRange('XFE1')).toBeUndefined();
  expect(parseRange('A0:B2')).toBeUndefined();
});
