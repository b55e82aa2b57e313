// The first rows of a file about to be imported, read in the browser from its first 64 KB: the columns the
// import will recognise and a few rows as the import will read them. Browser-only.
import { parse } from 'csv-parse/browser/esm/sync';
import type { ImportKind } from './upload';

export interface Column {
	name: string;
	/** 'field': stored; 'export-only': read for how a value came about; 'unknown': refuses the file. */
	kind: 'field' | 'export-only' | 'unknown';
}

export interface Preview {
	columns: Column[];
	rows: string[][];
	/** Required columns the header lacks. */
	missing: string[];
	/** Set when the start of the file cannot be read as the kind it claims. */
	problem?: string;
}

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 5;

export interface KnownColumns {
	fields: string[];
	exportOnly: string[];
	required: string[];
}

/** The preview of a file's first bytes (`text`, possibly cut mid-line). */
export function previewOf(text: string, kind: ImportKind, known: KnownColumns): Preview {
	// The last line may be cut where the 64 KB end: keep whole lines only.
	const whole = text.length < PREVIEW_BYTES ? text : text.slice(0, text.lastIndexOf('\n') + 1);
	if (kind === 'ndjson') return ndjsonPreview(whole, known);
	let records: string[][];
	try {
		records = parse(whole, {
			bom: true,
			skip_empty_lines: true,
			relax_column_count: true,
			to: PREVIEW_ROWS + 1
		});
	} catch (error) {
		return {
			columns: [],
			rows: [],
			missing: [],
			problem: `The file does not read as CSV: ${(error as Error).message}`
		};
	}
	const [header = [], ...rows] = records;
	const columns = header.map((name) => columnOf(name.trim(), known));
	const missing = known.required.filter((name) => !header.some((h) => h.trim() === name));
	return { columns, rows, missing, problem: header.length === 0 ? 'The file is empty.' : undefined };
}

function columnOf(name: string, known: KnownColumns): Column {
	if (known.exportOnly.includes(name)) return { name, kind: 'export-only' };
	return { name, kind: known.fields.includes(name) ? 'field' : 'unknown' };
}

/** NDJSON: the fields of the first lines, as columns. */
function ndjsonPreview(text: string, known: KnownColumns): Preview {
	const lines = text
		.split('\n')
		.filter((l) => l.trim() !== '')
		.slice(0, PREVIEW_ROWS);
	const objects: Record<string, unknown>[] = [];
	for (const [i, line] of lines.entries()) {
		try {
			objects.push(JSON.parse(line) as Record<string, unknown>);
		} catch {
			return { columns: [], rows: [], missing: [], problem: `Line ${i + 1} is not JSON.` };
		}
	}
	const names = [...new Set(objects.flatMap((o) => Object.keys(o ?? {})))];
	const cell = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
	return {
		columns: names.map((name) => columnOf(name, known)),
		rows: objects.map((o) => names.map((n) => cell(o?.[n]))),
		missing: []
	};
}
