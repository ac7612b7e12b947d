/**
 * xl/theme/theme1.xml: the Office theme (2013–2022 colours and fonts), trimmed to what the schema requires. Excel opens
 * a workbook without a theme, but then draws charts and table styles in its fallback colours; with it, the
 * TableStyleMedium2 tables and the chart series look as in a workbook made in Excel.
 */
import { XML_DECLARATION } from './xml';

const scheme = (name: string, value: string) => `<a:${name}><a:srgbClr val="${value}"/></a:${name}>`;

const COLORS =
  '<a:clrScheme name="Office">' +
  '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
  scheme('dk2', '44546A') +
  scheme('lt2', 'E7E6E6') +
  scheme('accent1', '4472C4') +
  scheme('accent2', 'ED7D31') +
  scheme('accent3', 'A5A5A5') +
  scheme('accent4', 'FFC000') +
  scheme('accent5', '5B9BD5') +
  scheme('accent6', '70AD47') +
  scheme('hlink', '0563C1') +
  scheme('folHlink', '954F72') +
  '</a:clrScheme>';

const FONTS =
  '<a:fontScheme name="Office">' +
  '<a:majorFont><a:latin typeface="Calibri Light" panose="020F0302020204030204"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>' +
  '<a:minorFont><a:latin typeface="Calibri" panose="020F0502020204030204"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>' +
  '</a:fontScheme>';

const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
const line = (w: number) =>
  `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
const effect = '<a:effectStyle><a:effectLst/></a:effectStyle>';

const FORMATS =
  '<a:fmtScheme name="Office">' +
  `<a:fillStyleLst>${solid}${solid}${solid}</a:fillStyleLst>` +
  `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
  `<a:effectStyleLst>${effect}${effect}${effect}</a:effectStyleLst>` +
  `<a:bgFillStyleLst>${solid}${solid}${solid}</a:bgFillStyleLst>` +
  '</a:fmtScheme>';

export const THEME_XML =
  `${XML_DECLARATION}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">` +
  `<a:themeElements>${COLORS}${FONTS}${FORMATS}</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`;
