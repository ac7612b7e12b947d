/**
 * The workbook contract: named Excel input tables (es or en names and headers) ⇄ the engine's Model.
 * See docs/workbook.md for the tables, columns, allowed values and errors.
 */
export { parseModel, readModel, type ParseResult } from './parse';
export {
  formatContractError,
  formatContractErrors,
  MAX_ERRORS,
  ERROR_CODES,
  WARNING_CODES,
  type ContractError,
  type ErrorCode,
  type WarningCode,
} from './errors';
export {
  INPUT_TABLES,
  INPUT_TABLE_NAMES,
  SETTING_SPECS,
  tableSpec,
  matchTableName,
  type TableSpec,
  type TableId,
  type ColumnSpec,
  type ColumnType,
  type EnumValue,
} from './specs';
export { cellAddress, columnLetters, sheetRef } from './address';
export { fiscalPeriods, parsePeriod, periodId } from './periods';
