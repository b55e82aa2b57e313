import { and, eq } from 'drizzle-orm';
import type { VerdictPatch } from '$lib/schemas/attempt';
import type { Db } from '../db/connection';
import { attempts, type Attempt } from '../db/schema';
import { ApiError } from '../errors';
import { loadPriceBook } from '../catalog/price-book';
import { prepareAttempts, splitBody } from './prepare';
import { storeAttempts, type IngestResult } from './store';

export type { IngestResult };

/** validate -> price -> store, for a parsed JSON body (one attempt or a batch). */
export async function ingest(
	db: Db,
	workspaceId: string,
	body: unknown,
	now = new Date()
): Promise<IngestResult> {
	const items = splitBody(body);
	const book = await loadPriceBook(db, workspaceId);
	const prepared = prepareAttempts(workspaceId, items, book, now);
	return storeAttempts(db, workspaceId, prepared);
}

export async function findAttempt(db: Db, workspaceId: string, id: string): Promise<Attempt | null> {
	const rows = await db
		.select()
		.from(attempts)
		.where(and(eq(attempts.workspaceId, workspaceId), eq(attempts.id, id)));
	return rows[0] ?? null;
}

/** A late verdict. A failed attempt has no clip, so it cannot be kept. */
export async function setVerdict(
	db: Db,
	workspaceId: string,
	id: string,
	patch: VerdictPatch,
	now = new Date()
): Promise<Attempt> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ status: attempts.status })
			.from(attempts)
			.where(and(eq(attempts.workspaceId, workspaceId), eq(attempts.id, id)))
			.for('update');
		if (rows.length === 0) throw new ApiError(404, `no attempt with id "${id}"`);
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
				verdictAt: patch.verdict === 'pending' ? null : now
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
