/**
 * Bytes as standard base64 (RFC 4648, "+/" and "=" padding), the form Excel.createWorkbook takes an .xlsx in. Plain
 * TypeScript: no btoa (which takes a binary string, built here a chunk at a time otherwise) and no Node Buffer.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Of(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    line += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    // Strings are joined once at the end: long concatenations stay short.
    if (line.length >= 8192) {
      parts.push(line);
      line = '';
    }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    line += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  parts.push(line);
  return parts.join('');
}
