/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some with a tab or
 * carriage return first) as a formula: any user could put one in their own name and it
 * would run in the administrator's spreadsheet (CSV injection, issue 12). Such a cell is
 * exported with a leading `'`, which spreadsheets show as text. A cell that already
 * starts with quotes before such a character gets one more, so import can undo exactly one.
 */
const FORMULA_CELL = /^'*[=+\-@\t\r]/;

export function asTextCell(value: string): string {
  return FORMULA_CELL.test(value) ? `'${value}` : value;
}

/** Undoes asTextCell on import: `'+5551234` is the number exported as text. */
export function fromTextCell(value: string): string {
  return value.startsWith("'") && FORMULA_CELL.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map((cell) => quote(asTextCell(cell))).join(',')).join('\r\n') + '\r\n';
}

/** Columns of the user CSV (export and import). Lists are `;`-separated in one cell. */
export const USER_CSV_COLUMNS = ['extension', 'name', 'email', 'type', 'services', 'aliases', 'hiddenFromDirectory', 'secondaryNumber', 'backupExtension', 'noAnswerSeconds', 'dids'] as const;
