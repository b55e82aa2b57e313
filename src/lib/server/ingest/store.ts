// Store a prepared batch in one transaction: new ids inserted, identical resends counted as duplicates,
// verdict-only resends applied, any other difference refused (409) with nothing stored.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ApiError } from '../errors';
import type { Db } from '../db/connection';
import { attempts, projects } from '../db/schema';
import type { PreparedAttempt } from './prepare';

export interface IngestResult {
	accepted: number;
	duplicates: number;
	updated: number;
}

interface Known {
	contentHash: string;
	verdict: string;
	rejectReason: string | null;
}

type Outcome = 'new' | 'duplicate' | 'updated';

/** Raised when a concurrent request inserted one of our new ids first: the transaction is run again. */
class RaceLost extends Error {}

function classify(known: Known, incoming: PreparedAttempt): Outcome | 'conflict' {
	if (known.contentHash !== incoming.row.contentHash) return 'conflict';
	if (!incoming.verdictSent) return 'duplicate';
	const same =
		known.verdict === incoming.row.verdict && known.rejectReason === (incoming.row.rejectReason ?? null);
	return same ? 'duplicate' : 'updated';
}

export async function storeAttempts(
	db: Db,
	workspaceId: string,
	batch: PreparedAttempt[]
): Promise<IngestResult> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.transaction((tx) => storeOnce(tx as unknown as Db, workspaceId, batch));
		} catch (error) {
			if (!(error instanceof RaceLost) || attempt >= 4) throw error;
		}
	}
}

async function storeOnce(tx: Db, workspaceId: string, batch: PreparedAttempt[]): Promise<IngestResult> {
	const ids = [...new Set(batch.map((b) => b.row.id))];
	const existing = await tx
		.select({
			id: attempts.id,
			contentHash: attempts.contentHash,
			verdict: attempts.verdict,
			rejectReason: attempts.rejectReason
		})
		.from(attempts)
		.where(and(eq(attempts.workspaceId, workspaceId), inArray(attempts.id, ids)))
		.for('update');
	const known = new Map<string, Known>(existing.map((e) => [e.id, e]));

	// Walk the batch in order, so a batch that resends its own id behaves like two requests.
	const inserts = new Map<string, PreparedAttempt>();
	const updates = new Map<string, PreparedAttempt>();
	const conflicts: string[] = [];
	const result: IngestResult = { accepted: 0, duplicates: 0, updated: 0 };
	for (const item of batch) {
		const id = item.row.id;
		const before = known.get(id);
		if (!before) {
			inserts.set(id, item);
			known.set(id, stateOf(item));
			result.accepted++;
			continue;
		}
		const outcome = classify(before, item);
		if (outcome === 'conflict') {
			conflicts.push(id);
			continue;
		}
		if (outcome === 'duplicate') {
			result.duplicates++;
			continue;
		}
		result.updated++;
		known.set(id, stateOf(item));
		const pendingInsert = inserts.get(id);
		if (pendingInsert) {
			pendingInsert.row.verdict = item.row.verdict;
			pendingInsert.row.rejectReason = item.row.rejectReason;
			pendingInsert.row.verdictAt = item.row.verdictAt;
		} else {
			updates.set(id, item);
		}
	}
	if (conflicts.length > 0) {
		const unique = [...new Set(conflicts)];
		throw new ApiError(
			409,
			`${unique.length} attempt id(s) were sent before with different content; only verdict and rejectReason ` +
				'may change on a resend. Nothing was stored.',
			[],
			{ conflicts: unique }
		);
	}

	if (inserts.size > 0) {
		const slugs = [...new Set([...inserts.values()].map((i) => i.row.project))];
		await tx
			.insert(projects)
			.values(slugs.map((slug) => ({ workspaceId, slug, name: slug })))
			.onConflictDoNothing();
		const inserted = await tx
			.insert(attempts)
			.values([...inserts.values()].map((i) => i.row))
			.onConflictDoNothing()
			.returning({ id: attempts.id });
		if (inserted.length !== inserts.size) throw new RaceLost();
	}
	if (updates.size > 0) await applyVerdicts(tx, workspaceId, [...updates.values()]);
	return result;
}

const stateOf = (item: PreparedAttempt): Known => ({
	contentHash: item.row.contentHash,
	verdict: item.row.verdict,
	rejectReason: item.row.rejectReason ?? null
});

async function applyVerdicts(tx: Db, workspaceId: string, items: PreparedAttempt[]): Promise<void> {
	const values = sql.join(
		items.map(
			(i) =>
				sql`(${i.row.id}::text, ${i.row.verdict}::text, ${i.row.rejectReason ?? null}::text, ${i.row.verdictAt?.toISOString() ?? null}::timestamptz)`
		),
		sql`, `
	);
	await tx.execute(sql`
		update ${attempts} as a
		set verdict = v.verdict, reject_reason = v.reason, verdict_at = v.at
		from (values ${values}) as v(id, verdict, reason, at)
		where a.workspace_id = ${workspaceId} and a.id = v.id`);
}
