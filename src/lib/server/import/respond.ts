// An import request, from the API (a key) or the dashboard's import page (a session): the body's type
// picks the reader, `?dryRun=` says whether to store, and each batch gets a request's deadline.
import { searchParamsToObject } from '$lib/schemas/filters';
import { importQuerySchema } from '$lib/schemas/queries';
import { db, nudgeTagger } from '../app';
import { workspaceTimeZone } from '../workspaces';
import { offTheClock, REQUEST_DEADLINE_MS, withDeadline } from '../deadline';
import { ApiError, zodIssues } from '../errors';
import { importAttempts, type ImportReport } from './index';
import { csvLines, ndjsonLines } from './parse';

const READERS = {
	'text/csv': csvLines,
	'application/x-ndjson': ndjsonLines,
	'application/ndjson': ndjsonLines,
	'application/jsonl': ndjsonLines
} as const;

export interface ImportRequest {
	request: Request;
	url: URL;
	workspaceId: string;
	/** Who imports, recorded with verdicts: 'key:<id>' or 'user:<id>'. */
	by: string;
	/** The projects a restricted key may write to (empty: any). */
	projects?: string[];
}

/** Checks the request (400, 415) before reading any of the body, then imports it. */
export async function importRequest({
	request,
	url,
	workspaceId,
	by,
	projects = []
}: ImportRequest): Promise<ImportReport> {
	const parsed = importQuerySchema.safeParse(searchParamsToObject(url.searchParams));
	if (!parsed.success) throw new ApiError(400, 'invalid query parameters', zodIssues(parsed.error));
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	const read = READERS[type as keyof typeof READERS];
	if (!read)
		throw new ApiError(415, 'an import is text/csv or application/x-ndjson', [
			{ path: 'content-type', message: `${type || 'none'} is not text/csv or application/x-ndjson` }
		]);
	const body = request.body;
	if (!body) throw new ApiError(400, 'the import has no body', [{ path: '', message: 'empty' }]);
	// The import as a whole is off the request's clock (it reads the client's file as it arrives); the
	// database work of each batch has a request's deadline of its own.
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const report = await offTheClock(() =>
		importAttempts(database, workspaceId, read(body, timeZone), {
			dryRun: parsed.data.dryRun ?? false,
			by,
			projects,
			runBatch: (work) => withDeadline(work, REQUEST_DEADLINE_MS)
		})
	);
	if (report.accepted > 0) nudgeTagger();
	return report;
}
