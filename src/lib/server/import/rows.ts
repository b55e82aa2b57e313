// A CSV row of an import as the attempt the JSON API would take. The columns are those of the attempts
// export (an attempt's public fields, attempts/public.ts); the export-only ones say how a value came about, so that an exported attempt
// is sent again as it was first sent: a cost the price book set is priced again (no costUsd), inferred tags
// are inferred again (no tags), client tags with an empty cell are an empty list. Pure.
import { localToInstant } from '$lib/metrics/time-zones';
import type { Issue } from '../errors';
import { PUBLIC_ATTEMPT_FIELDS } from '../attempts/public';

/** Columns that describe a stored attempt rather than what a client sends: read for the rules above only. */
export const EXPORT_ONLY_COLUMNS = ['costSource', 'tagsSource', 'verdictAt', 'verdictBy', 'receivedAt'];
/** Every column an import file may name. */
export const IMPORT_COLUMNS: readonly string[] = [
	...new Set<string>([...PUBLIC_ATTEMPT_FIELDS, ...EXPORT_ONLY_COLUMNS])
];
/** The columns that are the API's fields: what a client sends. */
export const SENT_COLUMNS: readonly string[] = IMPORT_COLUMNS.filter((c) => !EXPORT_ONLY_COLUMNS.includes(c));
export const REQUIRED_COLUMNS = ['id', 'project', 'model', 'durationSeconds'];

const NUMBER_COLUMNS = new Set(['durationSeconds', 'costUsd', 'generationSeconds', 'reviewSeconds']);
// The export's formula guard (src/lib/csv.ts) put a ' before these; the import takes it off again.
const GUARDED = /^'[=+\-@\t\r]/;

/** What is wrong with a header row, or null: unknown and repeated columns, missing required ones. */
export function headerProblems(header: string[]): Issue[] {
	const issues: Issue[] = [];
	const seen = new Set<string>();
	header.forEach((name, column) => {
		if (!IMPORT_COLUMNS.includes(name))
			issues.push({
				path: `header[${column}]`,
				message: `unknown column "${name}": the columns are those of attempts.csv (${IMPORT_COLUMNS.join(', ')})`
			});
		else if (seen.has(name))
			issues.push({ path: `header[${column}]`, message: `column "${name}" appears twice` });
		seen.add(name);
	});
	for (const name of REQUIRED_COLUMNS)
		if (!seen.has(name)) issues.push({ path: 'header', message: `the required column "${name}" is missing` });
	return issues;
}

const unguard = (cell: string) => (GUARDED.test(cell) ? cell.slice(1) : cell);

/** A number cell as a number; text that is not one stays text, so that validation names the column. */
function numeric(cell: string): number | string {
	const n = Number(cell);
	return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
}

/** A metadata cell as JSON; text that does not parse stays text (and is refused as not an object). */
function json(cell: string): unknown {
	try {
		return JSON.parse(cell);
	} catch {
		return cell;
	}
}

// A spreadsheet's date and time without a zone: '2026-11-02', '2026-11-02 14:03', '2026-11-02T14:03:05'.
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?$/;

/**
 * createdAt as the API takes it: an ISO date-time with a zone stays as written; a date or date and time
 * without one (as spreadsheets write them) is a local time in the workspace's zone. Anything else stays as
 * written, for validation to name.
 */
export function createdAtIn(cell: string, timeZone: string): string {
	const m = LOCAL_TIME.exec(cell.trim());
	if (!m) return cell;
	const [, day, hh = '00', mm = '00', ss = '00', fraction = ''] = m;
	const local = `${day}T${hh}:${mm}:${ss}${fraction}`;
	// Not a real date or time (2026-13-45, 25:00): left as written, for validation to name.
	if (Number.isNaN(Date.parse(`${local}Z`))) return cell;
	return localToInstant(local, timeZone).toISOString();
}

/**
 * One data row (cells by column name) as an attempt for the API's validation. An empty cell is a field
 * not sent, except the tags of a row whose tagsSource is 'client' (an empty list); a createdAt without a
 * zone is read in the workspace's `timeZone`.
 */
export function rowToAttempt(row: Record<string, string>, timeZone = 'UTC'): Record<string, unknown> {
	const attempt: Record<string, unknown> = {};
	for (const [name, raw] of Object.entries(row)) {
		if (EXPORT_ONLY_COLUMNS.includes(name)) continue;
		const cell = unguard(raw ?? '');
		if (name === 'tags') continue;
		if (cell === '') continue;
		if (NUMBER_COLUMNS.has(name)) attempt[name] = numeric(cell);
		else if (name === 'metadata') attempt[name] = json(cell);
		else if (name === 'createdAt') attempt[name] = createdAtIn(cell, timeZone);
		else attempt[name] = cell;
	}
	// A cost the price book set is priced again by the importing workspace's book.
	if (row.costSource === 'price_book') delete attempt.costUsd;
	// Inferred tags are inferred again; sent tags are sent again, an empty cell as an empty list.
	const tags = unguard(row.tags ?? '');
	if (row.tagsSource === 'client') attempt.tags = tags === '' ? [] : tags.split(';');
	else if (row.tagsSource !== 'inferred' && tags !== '') attempt.tags = tags.split(';');
	return attempt;
}
