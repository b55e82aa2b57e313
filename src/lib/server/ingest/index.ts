import { and, eq } from 'drizzle-orm';
import type { VerdictPatch } from '$lib/schemas/attempt';
import type { Db } from '../db/connection';
import { attempts, type Attempt } from '../db/schema';
import { ApiError } from '../errors';
import { currentPriceBook } from '../catalog/price-book';
import { prepareAttempts, splitBody } from './prepare';
import { storeAttempts, type IngestResult } from './store';

export type { IngestResult };

/** validate -> price -> store, for a parsed JSON body (one attempt or a batch). */
export interface IngestOptions {
	/** Who sends: recorded with the verdicts, e.g. 'key:<id>'. */
	by?: string;
	/** A key restricted to these projects may write only to them (empty: any). */
	projects?: string[];
}

export async function ingest(
	db: Db,
	workspaceId: string,
	body: unknown,
	now = new Date(),
	options: IngestOptions = {}
): Promise<IngestResult> {
	const items = splitBody(body);
	const book = await currentPriceBook(db, workspaceId);
	const prepared = prepareAttempts(workspaceId, items, book, now);
	const allowed = options.projects ?? [];
	const outside = prepared.flatMap((p, index) =>
		allowed.length > 0 && !allowed.includes(p.row.project)
			? [{ index, path: 'project', message: `this API key may only write to ${allowed.join(', ')}` }]
			: []
	);
	if (outside.length > 0)
		throw new ApiError(403, 'attempts outside the API key’s projects: nothing was stored', outside);
	for (const p of prepared) if (p.row.verdictAt) p.row.verdictBy = options.by ?? null;
	return storeAttempts(db, workspaceId, prepared);
}

/** One attempt; null when unknown, or outside the projects a restricted key may see. */
export async function findAttempt(
	db: Db,
	workspaceId: string,
	id: string,
	projects: string[] = []
): Promise<Attempt | null> {
	const rows = await db
		.select()
		.from(attempts)
		.where(and(eq(attempts.workspaceId, workspaceId), eq(attempts.id, id)));
	const found = rows[0] ?? null;
	return found && (projects.length === 0 || projects.includes(found.project)) ? found : null;
}

/** A late verdict. A failed attempt has no clip, so it cannot be kept. */
export async function setVerdict(
	db: Db,
	workspaceId: string,
	id: string,
	patch: VerdictPatch,
	now = new Date(),
	by: string | null = null,
	projects: string[] = []
): Promise<Attempt> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ status: attempts.status, project: attempts.project })
			.from(attempts)
			.where(and(eq(attempts.workspaceId, workspaceId), eq(attempts.id, id)))
			.for('update');
		if (rows.length === 0 || (projects.length > 0 && !projects.includes(rows[0].project))) {
			throw new ApiError(404, `no attempt with id "${id}"`);
		}
		if (rows[0].status === 'failed' && patch.verdict === 'keep') {
			throw new ApiError(400, 'invalid verdict', [
				{ path: 'verdict', message: 'a failed attempt has no clip to keep' }
			]);
		}
		const [updated] = await tx
			.update(attempts)
			.set({
				verdict: patch.verdict,
				rejectReason: patch.rejectReason ?? null,
				verdictAt: patch.verdict === 'pending' ? null : now,
				verdictBy: patch.verdict === 'pending' ? null : by
			})
			.where(and(eq(attempts.workspaceId, workspaceId), eq(attempts.id, id)))
			.returning();
		return updated;
	});
}

/** An attempt as the API shows it: the ingestion fields, plus how it was priced. */
export function toApiAttempt(a: Attempt) {
	return {
		id: a.id,
		project: a.project,
		model: a.model,
		durationSeconds: a.durationSeconds,
		resolution: a.resolution,
		costUsd: a.costMicros / 1_000_000,
		costSource: a.costSource,
		verdict: a.verdict,
		rejectReason: a.rejectReason,
		verdictAt: a.verdictAt?.toISOString() ?? null,
		verdictBy: a.verdictBy,
		status: a.status,
		createdAt: a.createdAt.toISOString(),
		shotId: a.shotId,
		tags: a.tags,
		tagsSource: a.tagsSource,
		prompt: a.prompt,
		generationSeconds: a.generationSeconds,
		creator: a.creator,
		videoUrl: a.videoUrl,
		metadata: a.metadata
	};
}
