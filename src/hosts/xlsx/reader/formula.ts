/**
 * A shared formula's follower cell (<f t="shared" si="0"/>) carries no text: Excel and ExcelJS translate the
 * master's formula by the row and column offset. This is ExcelJS's slideFormula (lib/utils/shared-formula.js),
 * kept character for character so a follower without a saved value reads the same formula text as it did: relative
 * references shift, $-absolute parts stay, function names ("LOG10(") and names longer than a column are left alone.
 */
import { columnLetters } from '../../../workbook/a1';
import { columnOf } from './ranges';

const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/** The master's formula as it reads from the follower, `rows` and `columns` away from the master. */
export function slideFormula(formula: string, rows: number, columns: number): string {
  return formula.replace(
    CANDIDATE,
    (match: string, sheet: string | undefined, _sheetName: string, address: string, paren: string | undefined) => {
      if (paren) return match;
      const m = CELL.exec(address);
      if (!m) return match;
      const [, colDollar, colLetters, rowDollar, rowDigits] = m;
      const letters = colLetters.toUpperCase();
      if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return match; // a name, not a column
      let col = columnOf(letters);
      let row = parseInt(rowDigits, 10);
      if (!colDollar) col += columns;
      if (!rowDollar) row += rows;
      // Shifted off the sheet: Excel shows #REF! (ExcelJS throws and the whole file fails to load).
      if (col < 1 || col > 16384 || row < 1 || row > 1048576) return `${sheet ?? ''}#REF!`;
      return `${sheet ?? ''}${colDollar ?? ''}${columnLetters(col)}${rowDollar ?? ''}${row}`;
    },
  );
}
