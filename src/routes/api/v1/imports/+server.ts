import type { RequestHandler } from './$types';
import { z } from 'zod';
import { searchParamsToObject } from '$lib/schemas/filters';
import { db, nudgeTagger } from '$lib/server/app';
import { offTheClock, REQUEST_DEADLINE_MS, withDeadline } from '$lib/server/deadline';
import { ApiError, zodIssues } from '$lib/server/errors';
import { authorize, limitIngest, respond } from '$lib/server/http';
import { importAttempts } from '$lib/server/import';
import { csvLines, ndjsonLines } from '$lib/server/import/parse';

const query = z.strictObject({
	dryRun: z
		.enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
		.transform((v) => v === 'true' || v === '1')
		.optional()
});

const READERS = {
	'text/csv': csvLines,
	'application/x-ndjson': ndjsonLines,
	'application/ndjson': ndjsonLines,
	'application/jsonl': ndjsonLines
} as const;

/**
 * Attempts from a CSV file (the columns of attempts.csv) or NDJSON (one attempt per line), stored in
 * batches through the ingestion path; `?dryRun=true` stores nothing. Answers with what each line became.
 */
export const POST: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'ingest');
		const parsed = query.safeParse(searchParamsToObject(event.url.searchParams));
		if (!parsed.success) throw new ApiError(400, 'invalid query parameters', zodIssues(parsed.error));
		const type = (event.request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		const read = READERS[type as keyof typeof READERS];
		if (!read)
			throw new ApiError(415, 'an import is text/csv or application/x-ndjson', [
				{ path: 'content-type', message: `${type || 'none'} is not text/csv or application/x-ndjson` }
			]);
		if (!event.request.body)
			throw new ApiError(400, 'the import has no body', [{ path: '', message: 'empty' }]);
		await limitIngest(owner);
		const body = event.request.body;
		// The whole import is off the request's clock (it reads the client's file); each batch's database
		// work gets a request's deadline of its own.
		const report = await offTheClock(() =>
			importAttempts(db(), owner.workspaceId, read(body), {
				dryRun: parsed.data.dryRun ?? false,
				by: `key:${owner.keyId}`,
				projects: owner.projects,
				runBatch: (work) => withDeadline(work, REQUEST_DEADLINE_MS)
			})
		);
		if (report.accepted > 0) nudgeTagger();
		return report;
	});
