// RFC 4180 CSV, safe to open in a spreadsheet. Pure.

// A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, and tab / carriage
// return, which some spreadsheets strip before looking.
const FORMULA = /^[=+\-@\t\r]/;

/** One cell: text is neutralised with a leading ' when it could run as a formula, then quoted if needed. */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'string' ? value : String(value);
	if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** Exact micro-dollars as a decimal string: 2400000 -> '2.400000' (no float on the way out). */
export function microsToDecimal(micros: number): string {
	const sign = micros < 0 ? '-' : '';
	const abs = Math.abs(micros);
	return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}
