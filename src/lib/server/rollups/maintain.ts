// Rebuild rollups and shots from raw attempts (after a migration or a repair), and check them against
// raw attempts. Both hold a SHARE lock on attempts while they run: writers wait, readers do not.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { fold, rowsOf } from './compact';
import { FAMILIES, countsSomething } from './families';

const scoped = (workspaceId?: string) => (workspaceId ? sql`where workspace_id = ${workspaceId}` : sql``);

/** A query text over attempts (of one workspace, or all), quoted by the database. */
const attemptsOf = (columns: string, workspaceId?: string, extra = '') =>
	workspaceId
		? sql`format('SELECT ${sql.raw(columns)} FROM attempts WHERE workspace_id = %L ${sql.raw(extra)}', ${workspaceId}::text)`
		: sql`${`SELECT ${columns} FROM attempts WHERE true ${extra}`}::text`;

/** Replaces shots and rollups (of one workspace, or all) with what raw attempts give, inside `tx`. */
async function recompute(tx: Db, workspaceId?: string): Promise<number> {
	await tx.execute(sql`lock table attempts in share mode`);
	await tx.execute(sql`select keeprate_lock_shots()`);
	await tx.execute(sql`delete from shot_changes ${scoped(workspaceId)}`);
	await tx.execute(sql`delete from shots ${scoped(workspaceId)}`);
	for (const family of FAMILIES) {
		await tx.execute(sql`delete from ${sql.raw(family.rollups)} ${scoped(workspaceId)}`);
		await tx.execute(sql`delete from ${sql.raw(family.deltas)} ${scoped(workspaceId)}`);
	}
	// Recomputed shots append their own deltas (trigger on shots).
	const shotIds = attemptsOf('workspace_id, shot_id', workspaceId, 'AND shot_id IS NOT NULL');
	await tx.execute(sql`select keeprate_shots_recompute(${shotIds})`);
	// The families counted straight from attempts, each by the statement its triggers use.
	for (const builder of ['keeprate_rollup_deltas_sql', 'keeprate_reason_deltas_sql']) {
		const [row] = rowsOf(
			await tx.execute(
				sql`select ${sql.raw(builder)}(${attemptsOf('*, 1 AS sign', workspaceId)}) as statement`
			)
		);
		await tx.execute(sql.raw(String(row.statement)));
	}
	return fold(tx, workspaceId);
}

/** Rebuilds shots and rollups from raw attempts; returns how many deltas were folded. */
export async function rebuildRollups(db: Db, workspaceId?: string): Promise<number> {
	const folded = await db.transaction((tx) => recompute(tx as unknown as Db, workspaceId));
	// Fresh statistics, so the planner reads the rebuilt tables by their indexes.
	await db.execute(
		sql`analyze attempt_rollups, shot_rollups, reason_rollups, shots, rollup_deltas, shot_deltas, reason_deltas`
	);
	return folded;
}

export interface Drift {
	table: string;
	cuboid: string | null;
	grain: string | null;
	/** Rows that differ between what is stored and a recomputation from raw attempts (either side). */
	rows: number;
	examples: Record<string, unknown>[];
}

/** What is compared: each rollup table (rows whose sums are all 0 count as absent) and shots. */
const COMPARED = [
	...FAMILIES.map((f) => ({ table: f.rollups, where: countsSomething(f), order: 'cuboid, grain, bucket' })),
	{ table: 'shots', where: 'true', order: 'shot_id' }
];

class RollBack extends Error {}

/**
 * Folds pending deltas, then compares every stored row with the same row recomputed from raw attempts.
 * Nothing changes: the recomputation is rolled back.
 */
export async function checkRollups(db: Db, workspaceId?: string): Promise<Drift[]> {
	const drift: Drift[] = [];
	await db
		.transaction(async (txn) => {
			const tx = txn as unknown as Db;
			await tx.execute(sql`lock table attempts in share mode`);
			await fold(tx, workspaceId);
			for (const { table } of COMPARED) {
				await tx.execute(sql`create temp table ${sql.raw(`stored_${table}`)} on commit drop as
					select * from ${sql.raw(table)} ${scoped(workspaceId)}`);
			}
			await recompute(tx, workspaceId);
			const only = workspaceId ? sql`and workspace_id = ${workspaceId}` : sql``;
			for (const { table, where, order } of COMPARED) {
				const stored = sql.raw(`(select * from stored_${table} where ${where})`);
				const fresh = sql`(select * from ${sql.raw(table)} where (${sql.raw(where)}) ${only})`;
				const rows = rowsOf(
					await tx.execute(sql`select 'stored' as side, * from (select * from ${stored} as s
							except all select * from ${fresh} as f) as stale
						union all
						select 'raw' as side, * from (select * from ${fresh} as f
							except all select * from ${stored} as s) as missing
						order by ${sql.raw(order)}`)
				);
				drift.push(...summarise(table, rows));
			}
			throw new RollBack();
		})
		.catch((error) => {
			if (!(error instanceof RollBack)) throw error;
		});
	return drift;
}

function summarise(table: string, rows: Record<string, unknown>[]): Drift[] {
	const groups = new Map<string, Drift>();
	for (const row of rows) {
		const cuboid = (row.cuboid as string | undefined) ?? null;
		const grain = (row.grain as string | undefined) ?? null;
		const key = `${cuboid}/${grain}`;
		const d = groups.get(key) ?? { table, cuboid, grain, rows: 0, examples: [] };
		d.rows++;
		if (d.examples.length < 5) d.examples.push(row);
		groups.set(key, d);
	}
	return [...groups.values()];
}
