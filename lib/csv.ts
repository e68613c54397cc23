/**
 * One CSV line (RFC 4180): fields quoted when they hold a comma, quote or line break, quotes doubled. Cells that
 * a spreadsheet would run as a formula (leading =, +, -, @, tab or CR) get a leading apostrophe, so an audit
 * export cannot carry an attack into the reader's spreadsheet.
 */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
