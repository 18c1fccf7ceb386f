// CSV as RFC 4180 (quoted where needed, CRLF line ends). A cell a spreadsheet could run as a formula
// is prefixed with ' : one starting with = + - @ (or their full-width forms, which some spreadsheets
// read as the same), after any blanks, line breaks or NULs they skip, or starting with a tab, line
// break or NUL. Comments and search terms come from people.

const FORMULA = /^[\s\0]*[=+\-@＝＋－＠]|^[\t\r\n\0]/;

type Cell = string | number | boolean | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
