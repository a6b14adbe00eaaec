/** A CSV cell: text, a number, or empty (`null`). */
export type CsvCell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;
/** Text a spreadsheet would run as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field per RFC 4180: quoted when it holds a comma, a double quote, CR or LF, with inner
 * quotes doubled. Text that a spreadsheet would evaluate as a formula gets a leading `'`;
 * numbers are written as they are (a negative number is not a formula).
 */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole document: a header row, then the rows, each line ended by CRLF. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
