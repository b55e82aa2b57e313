// A CSV row of an import as the attempt the JSON API would take. The columns are those of the attempts
// export (an attempt's public fields, attempts/public.ts); the export-only ones say how a value came about, so that an exported attempt
// is sent again as it was first sent: a cost the price book set is priced again (no costUsd), inferred tags
// are inferred again (no tags), client tags with an empty cell are an empty list. Pure.
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

const NUMBER_COLUMNS = new Set(['durationSeconds', 'costUsd', 'generationSeconds']);
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

/**
 * One data row (cells by column name) as an attempt for the API's validation. An empty cell is a field
 * not sent, except the tags of a row whose tagsSource is 'client' (an empty list).
 */
export function rowToAttempt(row: Record<string, string>): Record<string, unknown> {
	const attempt: Record<string, unknown> = {};
	for (const [name, raw] of Object.entries(row)) {
		if (EXPORT_ONLY_COLUMNS.includes(name)) continue;
		const cell = unguard(raw ?? '');
		if (name === 'tags') continue;
		if (cell === '') continue;
		if (NUMBER_COLUMNS.has(name)) attempt[name] = numeric(cell);
		else if (name === 'metadata') attempt[name] = json(cell);
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
