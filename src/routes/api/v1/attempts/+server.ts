import type { RequestHandler } from './$types';
import { MAX_BODY_BYTES } from '$lib/schemas/attempt';
import { db, nudgeTagger } from '$lib/server/app';
import { authorize, limitIngest, readJson, respond } from '$lib/server/http';
import { ingest } from '$lib/server/ingest';

/** Log one attempt or a batch; answers only once the batch is committed. */
export const POST: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'ingest');
		await limitIngest(owner);
		const body = await readJson(event.request, MAX_BODY_BYTES);
		const result = await ingest(db(), owner.workspaceId, body, new Date(), {
			by: `key:${owner.keyId}`,
			projects: owner.projects
		});
		if (result.accepted > 0) nudgeTagger();
		return result;
	});
