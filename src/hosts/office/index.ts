/** The Office.js host: the only code that touches Excel.* and Office.*. The pane imports environment.ts only. */
export { OfficeHost, type OfficeHostOptions, type Requirements } from './host';
export { bootOffice, type OfficeEnvironment, type OfficeThemeColors, type BootOptions } from './environment';
export { sha256Hex, defaultDigest, type Digest } from '../../workbook/fingerprint';
export { HostError, type HostErrorCode } from '../../workbook/port';
