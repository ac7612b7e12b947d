/**
 * Text from a workbook (customer names, sheet and table names, cell values quoted in a message), from a file name or
 * from the command line, made safe to print on a terminal. A cell can hold any character: an ESC sequence would
 * recolour, move or clear the user's terminal, a bidirectional override would show "slx.exe" as "exe.xls", and a
 * newline or carriage return would start a fake line of output (a fake "Results written to:"). Every such character
 * is printed as a visible escape instead (`\x1b`, `\u202e`, `\n`), so the user sees it is there.
 *
 * Escape each piece of outside text (or each message that holds it) BEFORE the CLI joins its own lines with "\n":
 * the newlines the CLI writes between lines are the only ones left in what reaches the terminal. The escape is for
 * people reading a terminal, not reversible (a backslash already in the text stays as it is). JSON output needs none
 * of this: JSON.stringify writes every control character as \uXXXX (or \n, \t…).
 */

/**
 * Whether a UTF-16 code unit is printed as an escape:
 * - C0 controls U+0000–U+001F (newline, carriage return and tab included) and DEL U+007F;
 * - C1 controls U+0080–U+009F (U+009B is a one-character CSI, the start of an escape sequence);
 * - the bidirectional embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069;
 * - the line and paragraph separators U+2028, U+2029 (some terminals and viewers break the line on them).
 */
function unsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const NAMED: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

function visible(code: number): string {
  const named = NAMED[code];
  if (named !== undefined) return named;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, bidi override and line separator shown as a visible escape (see the module comment). */
export function terminalSafe(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unsafe(code)) continue;
    out += text.slice(from, i) + visible(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Text the CLI itself laid out on several lines (a stack trace, a sentence and its technical detail line): each line
 * made safe on its own, the CLI's line breaks kept. Only for text whose line breaks are the CLI's or the runtime's;
 * a message holding outside text is escaped whole, before it is joined to other lines.
 */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
