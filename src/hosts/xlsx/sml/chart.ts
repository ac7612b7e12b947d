/**
 * Charts as DrawingML (ECMA-376 §21.2): a chart part per chart (c:chartSpace) and a drawing part per sheet placing
 * them (xdr:wsDr, one twoCellAnchor each). Only the two kinds the results use: stacked columns (a waterfall drawn
 * with an invisible base series) and clustered horizontal bars. Every series references the sheet's cells and caches
 * their values, so a viewer that never recalculates still draws the chart.
 */
import { escapeXmlAttr, escapeXmlText, XML_DECLARATION } from './xml';

export interface ChartRef<T> {
  /** Sheet-qualified absolute reference: 'TT Cascada gráfica'!$M$4:$M$11. */
  ref: string;
  /** The cells' values when written. */
  cache: readonly T[];
}

export interface ChartSeriesSpec {
  /** The series' name: a cell holding it. */
  name: ChartRef<string>;
  values: ChartRef<number | null>;
  /** Drawn with no fill and no line (a stacked waterfall's base, which lifts the visible bars). */
  hidden?: boolean;
  /** Solid fill, RRGGBB; the theme's accent colours otherwise. */
  color?: string;
}

export interface ChartSpec {
  /** Name of the drawing object. Charts of result sheets are named ttm_chart_N: the next run deletes those only. */
  name: string;
  kind: 'stackedColumn' | 'clusteredBar';
  title: string;
  categories: ChartRef<string>;
  series: readonly ChartSeriesSpec[];
  legend: boolean;
  /** Number format of the values (the series caches); the value axis shows it without decimals. */
  valueFormat: string;
  /** Top-left cell and bottom-right cell the chart covers, 1-based and inclusive. */
  from: { row: number; column: number };
  to: { row: number; column: number };
}

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

const CAT_AX = 500000001;
const VAL_AX = 500000002;

function strRef(r: ChartRef<string>): string {
  const pts = r.cache.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXmlText(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escapeXmlText(r.ref)}</c:f><c:strCache><c:ptCount val="${r.cache.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(r: ChartRef<number | null>, formatCode: string): string {
  // A blank or non-numeric cell has no point in the cache (shown as a gap).
  const pts = r.cache
    .map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join('');
  return (
    `<c:numRef><c:f>${escapeXmlText(r.ref)}</c:f><c:numCache><c:formatCode>${escapeXmlText(formatCode)}</c:formatCode>` +
    `<c:ptCount val="${r.cache.length}"/>${pts}</c:numCache></c:numRef>`
  );
}

function seriesFill(s: ChartSeriesSpec): string {
  if (s.hidden) return '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>';
  if (s.color) return `<c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></c:spPr>`;
  return '';
}

function richText(text: string, size: number, bold: boolean): string {
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="es-MX" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

/** A value format without its decimals, for axis labels ("$"#,##0.0000 → "$"#,##0; 0.0% → 0%). */
export function axisFormat(format: string): string {
  return format.replace(/\.0+/g, '');
}

/** xl/charts/chartN.xml of one chart. */
export function chartXml(chart: ChartSpec): string {
  const bar = chart.kind === 'clusteredBar';
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(s.name)}</c:tx>${seriesFill(s)}` +
        `<c:invertIfNegative val="0"/><c:cat>${strRef(chart.categories)}</c:cat>` +
        `<c:val>${numRef(s.values, chart.valueFormat)}</c:val></c:ser>`,
    )
    .join('');
  const barChart =
    `<c:barChart><c:barDir val="${bar ? 'bar' : 'col'}"/><c:grouping val="${bar ? 'clustered' : 'stacked'}"/>` +
    `<c:varyColors val="0"/>${series}<c:gapWidth val="${bar ? 80 : 60}"/>${bar ? '' : '<c:overlap val="100"/>'}` +
    `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>`;
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${bar ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${bar ? 'b' : 'l'}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${escapeXmlAttr(axisFormat(chart.valueFormat))}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  const legend = chart.legend ? `<c:legend><c:legendPos val="${bar ? 'b' : 'r'}"/><c:overlay val="0"/></c:legend>` : '';
  return (
    `${XML_DECLARATION}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    '<c:date1904 val="0"/><c:roundedCorners val="0"/>' +
    `<c:chart><c:title>${richText(chart.title, 1400, true)}<c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${barChart}${catAx}${valAx}</c:plotArea>${legend}` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '<c:spPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>' +
    '</c:chartSpace>'
  );
}

/** xl/drawings/drawingN.xml placing charts; `relIds[i]` is the drawing's relationship to chart i. */
export function drawingXml(charts: readonly ChartSpec[], relIds: readonly string[]): string {
  const anchors = charts.map((c, i) => {
    const marker = (tag: string, column: number, row: number) =>
      `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    // Markers are 0-based cells; the bottom-right corner sits at the start of the cell after the last one covered.
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${marker('from', c.from.column - 1, c.from.row - 1)}${marker('to', c.to.column, c.to.row)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXmlText(c.name)}"/>` +
      '<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>' +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" r:id="${relIds[i]}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">${anchors.join('')}</xdr:wsDr>`;
}
