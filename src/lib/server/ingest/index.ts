import { and, eq, sql } from 'drizzle-orm';
import type { VerdictPatch } from '$lib/schemas/attempt';
import type { Db } from '../db/connection';
import { attempts, type Attempt } from '../db/schema';
import { ApiError, type Issue } from '../errors';
import { currentPriceBook } from '../catalog/price-book';
import { prepareRange, refusalOf, splitBody, type Preparation, type PreparedAttempt } from './prepare';
import {
	metOtherAttempts,
	openAttemptsCopy,
	storeAttempts,
	type AttemptsCopy,
	type IngestResult
} from './store';

export type { IngestResult };

/** validate -> price -> store, for a parsed JSON body (one attempt or a batch). */
export interface IngestOptions {
	/** Who sends: recorded with the verdicts, e.g. 'key:<id>'. */
	by?: string;
	/** A key restricted to these projects may write only to them (empty: any). */
	projects?: string[];
}

/** Attempts validated and priced at a time, while the rows before them are on their way to the server. */
const CHUNK = 100;

export async function ingest(
	db: Db,
	workspaceId: string,
	body: unknown,
	now = new Date(),
	options: IngestOptions = {}
): Promise<IngestResult> {
	const items = splitBody(body);
	const book = await currentPriceBook(db, workspaceId);
	const found: Preparation & { outside: Issue[] } = { rows: [], invalid: [], unpriceable: [], outside: [] };
	const allowed = options.projects ?? [];
	/** Prepares items[from, to) into `found`; true while the body has no problem so far. */
	const prepare = (from: number, to: number): boolean => {
		const part = prepareRange(workspaceId, items, book, now, from, to);
		found.invalid.push(...part.invalid);
		found.unpriceable.push(...part.unpriceable);
		part.rows.forEach((p, k) => {
			// Indices hold while nothing is refused, the only case in which this refusal is given.
			if (allowed.length > 0 && !allowed.includes(p.row.project))
				found.outside.push({
					index: from + k,
					path: 'project',
					message: `this API key may only write to ${allowed.join(', ')}`
				});
			if (p.row.verdictAt) p.row.verdictBy = options.by ?? null;
			found.rows.push(p);
		});
		return found.invalid.length + found.unpriceable.length + found.outside.length === 0;
	};
	const refuse = () => {
		const refusal = refusalOf(found);
		if (refusal) throw refusal;
		if (found.outside.length > 0)
			throw new ApiError(403, 'attempts outside the API key’s projects: nothing was stored', found.outside);
	};

	if (!distinctIds(items)) {
		// An id sent twice depends on itself (the later verdict wins): classified as two requests would be.
		prepare(0, items.length);
		refuse();
		return storeAttempts(db, workspaceId, found.rows);
	}
	// Once the first chunk passes, a COPY is opened and fed chunk by chunk: a PostgreSQL server stores each
	// while the next is validated and priced. The first problem found cancels it (nothing is stored); the
	// rest is still checked, so that every problem is listed.
	let copy: AttemptsCopy | undefined;
	try {
		for (let from = 0; from < items.length; from += CHUNK) {
			const rows = found.rows.length;
			const passing = prepare(from, Math.min(from + CHUNK, items.length));
			if (passing && from === 0) copy = await openAttemptsCopy(db);
			if (!passing && copy) {
				await copy.abort();
				copy = undefined;
			}
			// After a server error (a stored id, say), the rest is only prepared, for the transaction.
			if (passing && copy && !copy.failed) await copy.write(found.rows.slice(rows));
		}
		refuse();
	} catch (error) {
		await copy?.abort();
		throw error;
	}
	try {
		await copy!.end();
	} catch (error) {
		// Another request stored one of the ids: the batch is classified against what is stored.
		if (metOtherAttempts(error)) return storeAttempts(db, workspaceId, found.rows);
		throw error;
	}
	return { accepted: found.rows.length, duplicates: 0, updated: 0 };
}

/**
 * Attempts validated and priced already (an import's lines), stored as ingest stores a body: atomically,
 * by COPY while every id is new, else classified (duplicates, verdict updates; 409 naming conflicts).
 */
export async function storePrepared(
	db: Db,
	workspaceId: string,
	rows: PreparedAttempt[]
): Promise<IngestResult> {
	if (new Set(rows.map((p) => p.row.id)).size !== rows.length) return storeAttempts(db, workspaceId, rows);
	const copy = await openAttemptsCopy(db);
	try {
		await copy.write(rows);
	} catch (error) {
		await copy.abort();
		throw error;
	}
	try {
		await copy.end();
	} catch (error) {
		if (metOtherAttempts(error)) return storeAttempts(db, workspaceId, rows);
		throw error;
	}
	return { accepted: rows.length, duplicates: 0, updated: 0 };
}

/** No id sent twice in the body (as the contract reads ids: trimmed), so no row depends on another. */
function distinctIds(items: unknown[]): boolean {
	const ids = new Set<string>();
	for (const item of items) {
		const id = (item as { id?: unknown } | null)?.id;
		if (typeof id !== 'string') continue;
		const trimmed = id.trim();
		if (ids.has(trimmed)) return false;
		ids.add(trimmed);
	}
	return true;
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

/**
 * A late verdict. A failed attempt has no clip, so it cannot be kept. The API sets `reviewSeconds` (left
 * as it is when not sent); the review queue adds its measured time (`addReviewSeconds`), so re-reviews sum.
 */
export async function setVerdict(
	db: Db,
	workspaceId: string,
	id: string,
	patch: VerdictPatch & { addReviewSeconds?: number },
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
				reviewSeconds: reviewSecondsAfter(patch),
				verdictAt: patch.verdict === 'pending' ? null : now,
				verdictBy: patch.verdict === 'pending' ? null : by
			})
			.where(and(eq(attempts.workspaceId, workspaceId), eq(attempts.id, id)))
			.returning();
		return updated;
	});
}

function reviewSecondsAfter(patch: { reviewSeconds?: number; addReviewSeconds?: number }) {
	if (patch.reviewSeconds !== undefined) return patch.reviewSeconds;
	if (patch.addReviewSeconds !== undefined)
		return sql`coalesce(${attempts.reviewSeconds}, 0) + ${patch.addReviewSeconds}::float8`;
	return undefined;
}
