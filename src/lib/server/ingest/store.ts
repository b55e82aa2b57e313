// Store a prepared batch in one transaction: new ids inserted, identical resends counted as duplicates,
// verdict-only resends applied, any other difference refused (409) with nothing stored.
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { ApiError } from '../errors';
import type { Db } from '../db/connection';
import { attempts, projects, type NewAttempt } from '../db/schema';
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
		// One array parameter rather than one per id: the same rows as `in (...)`, at a fraction of the cost.
		.where(and(eq(attempts.workspaceId, workspaceId), sql`${attempts.id} = any(${sql.param(ids)}::text[])`))
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
		const inserted = await insertAttempts(
			tx,
			[...inserts.values()].map((i) => i.row)
		);
		if (inserted !== inserts.size) throw new RaceLost();
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

const attemptColumns = Object.entries(getTableColumns(attempts)).map(([key, column]) => ({
	key: key as keyof NewAttempt,
	column
}));

/**
 * `insert ... on conflict do nothing` of new rows; returns how many were inserted. One statement with one
 * text[] parameter per column (`select ... from unnest(...)`), whatever the number of rows: drizzle's
 * multi-row VALUES has one parameter per cell (12,000 for 500 attempts), and building that query costs
 * far more than the database's work. Each value reaches PostgreSQL as the very text drizzle would send
 * (its own mapToDriverValue) and is read by the column type's input function, as a parameter would be.
 * Rows drizzle would complete itself (a column left undefined in some rows only, or with a default
 * computed in JS) take drizzle's own path.
 */
async function insertAttempts(tx: Db, rows: NewAttempt[]): Promise<number> {
	const used = attemptColumns.filter(({ key }) => rows[0][key] !== undefined);
	const uniform = attemptColumns.every(
		({ key, column }) =>
			column.defaultFn === undefined &&
			column.onUpdateFn === undefined &&
			rows.every((row) => (row[key] === undefined) === (rows[0][key] === undefined))
	);
	if (!uniform) {
		const inserted = await tx
			.insert(attempts)
			.values(rows)
			.onConflictDoNothing()
			.returning({ id: attempts.id });
		return inserted.length;
	}
	const names = used.map(({ column }) => sql.identifier(column.name));
	const columns = sql.join(names, sql`, `);
	const arrays: SQL[] = used.map(({ key, column }) => {
		const texts = rows.map((row) => {
			const value = row[key];
			return value === null ? null : String(column.mapToDriverValue(value));
		});
		return sql`${sql.param(texts)}::text[]`;
	});
	const casts = used.map(
		({ column }) => sql`${sql.identifier(column.name)}::${sql.raw(column.getSQLType())}`
	);
	const result = await tx.execute(sql`
		insert into ${attempts} (${columns})
		select ${sql.join(casts, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as v(${columns})
		on conflict do nothing
		returning 1`);
	return Array.isArray(result) ? result.length : (result as unknown as { rows: unknown[] }).rows.length;
}
