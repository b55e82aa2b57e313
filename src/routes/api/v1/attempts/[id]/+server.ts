import type { RequestHandler } from './$types';
import { verdictPatchSchema } from '$lib/schemas/attempt';
import { db } from '$lib/server/app';
import { ApiError, zodIssues } from '$lib/server/errors';
import { parseAttemptId } from '$lib/server/filters-from-url';
import { authorize, limitIngest, readJson, respond } from '$lib/server/http';
import { findAttempt, setVerdict } from '$lib/server/ingest';
import { publicAttempt } from '$lib/server/attempts/public';

export const GET: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'read');
		const id = parseAttemptId(event.params.id);
		const attempt = await findAttempt(db(), owner.workspaceId, id, owner.projects);
		if (!attempt) throw new ApiError(404, `no attempt with id "${id}"`);
		return publicAttempt(attempt);
	});

/** A late verdict: {"verdict": "keep" | "reject" | "pending", "rejectReason"?: "..."}. */
export const PATCH: RequestHandler = (event) =>
	respond(async () => {
		const owner = await authorize(event, 'ingest');
		await limitIngest(owner);
		const id = parseAttemptId(event.params.id);
		const parsed = verdictPatchSchema.safeParse(await readJson(event.request, 64 * 1024));
		if (!parsed.success) throw new ApiError(400, 'invalid verdict', zodIssues(parsed.error));
		const by = `key:${owner.keyId}`;
		const updated = await setVerdict(
			db(),
			owner.workspaceId,
			id,
			parsed.data,
			new Date(),
			by,
			owner.projects
		);
		return publicAttempt(updated);
	});
