import {
  editAppProps,
  editCalcChain,
  editContentTypes,
  editRelationships,
  editWorkbook,
  readWorkbookText,
  relativeTarget,
  relsPartOf,
  resolveTarget,
} from '../../../src/hosts/xlsx/merge/package-text';

const WB =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView activeTab="1"/></bookViews><sheets><sheet name="Datos &amp; más" sheetId="1" r:id="rId1"/><sheet name="TT Cascada" sheetId="4" r:id="rId2"/></sheets><definedNames><definedName name="TasaIVA">\'Datos &amp; más\'!$B$2</definedName><definedName name="_ttm_owner_waterfall" localSheetId="1" hidden="1">\'TT Cascada\'!$A$1</definedName></definedNames><calcPr calcId="191029"/></workbook>';

describe('workbook.xml edits', () => {
  test('reads sheets and defined names with their scope, decoded', () => {
    const wb = readWorkbookText(WB);
    expect(wb.sheets.map((s) => [s.name, s.sheetId, s.relId])).toEqual([
      ['Datos & más', 1, 'rId1'],
      ['TT Cascada', 4, 'rId2'],
    ]);
    expect(wb.definedNames.map((n) => [n.name, n.localSheetId, n.hidden, n.formula])).toEqual([
      ['TasaIVA', undefined, false, "'Datos & más'!$B$2"],
      ['_ttm_owner_waterfall', 1, true, "'TT Cascada'!$A$1"],
    ]);
  });

  test('renames, appends, swaps our names and asks for a full recalculation; everything else stays as written', () => {
    const wb = readWorkbookText(WB);
    const out = editWorkbook(wb, {
      rename: new Map([[1, 'TT Waterfall']]),
      append: [{ name: 'TT P&L', sheetId: 5, relId: 'rId9' }],
      removeNames: new Set([1]),
      reformulate: new Map(),
      addNames: [
        { name: '_ttm_owner_waterfall', localSheetId: 1, hidden: true, formula: "'TT Waterfall'!$A$1" },
        { name: '_ttm_owner_pnl', localSheetId: 2, hidden: true, formula: "'TT P&L'!$A$1" },
      ],
    });
    expect(out).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView activeTab="1"/></bookViews><sheets><sheet name="Datos &amp; más" sheetId="1" r:id="rId1"/><sheet name="TT Waterfall" sheetId="4" r:id="rId2"/><sheet name="TT P&amp;L" sheetId="5" r:id="rId9"/></sheets><definedNames><definedName name="TasaIVA">\'Datos &amp; más\'!$B$2</definedName><definedName name="_ttm_owner_waterfall" localSheetId="1" hidden="1">\'TT Waterfall\'!$A$1</definedName><definedName name="_ttm_owner_pnl" localSheetId="2" hidden="1">\'TT P&amp;L\'!$A$1</definedName></definedNames><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
    );
  });

  test('a workbook without defined names or calcPr gets them in schema order; removing the last name drops the element', () => {
    const bare =
      '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><pivotCaches><pivotCache cacheId="1" r:id="rId5"/></pivotCaches></workbook>';
    const added = editWorkbook(readWorkbookText(bare), {
      rename: new Map(),
      append: [],
      removeNames: new Set(),
      reformulate: new Map(),
      addNames: [{ name: 'x', hidden: false, formula: 'A!$A$1' }],
    });
    expect(added).toBe(
      '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="x">A!$A$1</definedName></definedNames><calcPr fullCalcOnLoad="1"/><pivotCaches><pivotCache cacheId="1" r:id="rId5"/></pivotCaches></workbook>',
    );
    const removed = editWorkbook(readWorkbookText(added), {
      rename: new Map(),
      append: [],
      removeNames: new Set([0]),
      reformulate: new Map(),
      addNames: [],
    });
    expect(removed).not.toContain('definedNames');
    expect(removed).toContain('<calcPr fullCalcOnLoad="1"/><pivotCaches>');
  });
});

describe('relationships, content types, app.xml, calcChain', () => {
  test('paths resolve as OPC says', () => {
    expect(relsPartOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPartOf('[Content_Types].xml')).toBe('_rels/[Content_Types].xml.rels');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../tables/table2.xml')).toBe('xl/tables/table2.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet9.xml')).toBe('xl/worksheets/sheet9.xml');
    expect(relativeTarget('xl/workbook.xml', 'xl/worksheets/sheet3.xml')).toBe('worksheets/sheet3.xml');
    expect(relativeTarget('xl/drawings/drawing1.xml', 'xl/charts/chart2.xml')).toBe('../charts/chart2.xml');
  });

  test('a rels part loses and gains entries only', () => {
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="t/calcChain" Target="calcChain.xml"/></Relationships>';
    expect(
      editRelationships(rels, new Set(['rId2']), [
        { id: 'rId3', type: 't/worksheet', target: 'worksheets/sheet2.xml' },
      ]),
    ).toBe(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="t/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
    );
  });

  test('content types: overrides of removed parts go, new ones come once', () => {
    const ct =
      '<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/tables/table9.xml" ContentType="t"/><Override PartName="/xl/workbook.xml" ContentType="m"/></Types>';
    expect(
      editContentTypes(ct, new Set(['xl/tables/table9.xml']), [{ part: 'xl/tables/table10.xml', contentType: 't' }]),
    ).toBe(
      '<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="m"/><Override PartName="/xl/tables/table10.xml" ContentType="t"/></Types>',
    );
  });

  test('app.xml: titles renamed and added, counts in step; named ranges after the worksheets keep their place', () => {
    const app =
      '<Properties xmlns:vt="v"><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="3" baseType="lpstr"><vt:lpstr>Datos</vt:lpstr><vt:lpstr>TT Cascada</vt:lpstr><vt:lpstr>TasaIVA</vt:lpstr></vt:vector></TitlesOfParts></Properties>';
    expect(editAppProps(app, new Map([['TT Cascada', 'TT Waterfall']]), ['TT P&L'])).toBe(
      '<Properties xmlns:vt="v"><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>3</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="4" baseType="lpstr"><vt:lpstr>Datos</vt:lpstr><vt:lpstr>TT Waterfall</vt:lpstr><vt:lpstr>TT P&amp;L</vt:lpstr><vt:lpstr>TasaIVA</vt:lpstr></vt:vector></TitlesOfParts></Properties>',
    );
  });

  test("calcChain: our sheets' entries go; an inherited sheet id is written out where needed; empty → undefined", () => {
    const chain =
      '<calcChain><c r="B2" i="1"/><c r="B3"/><c r="A1" i="4"/><c r="A2"/><c r="C1" i="1"/><c r="C2"/></calcChain>';
    expect(editCalcChain(chain, new Set([4]))).toBe(
      '<calcChain><c r="B2" i="1"/><c r="B3"/><c r="C1" i="1"/><c r="C2"/></calcChain>',
    );
    expect(editCalcChain(chain, new Set([1, 4]))).toBeUndefined();
    expect(editCalcChain(chain, new Set([9]))).toBe(chain);
  });
});
