import type { RequestHandler } from './$types';
import { authorize, limitIngest, respond } from '$lib/server/http';
import { importRequest } from '$lib/server/import/respond';

/**
 * Attempts from a CSV file (the columns of attempts.csv) or NDJSON (one attempt per line), stored in
 * batches through the ingestion path; `?dryRun=true` stores nothing. Answers with what each line became.
 */
export const POST: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'ingest');
		await limitIngest(owner);
		return importRequest({
			request: event.request,
			url: event.url,
			workspaceId: owner.workspaceId,
			by: `key:${owner.keyId}`,
			projects: owner.projects
		});
	});
