// Folding: changed shots are settled (their shots rows recomputed, which appends shot deltas), then delta
// rows move into their rollup table, in every cuboid at every grain, by one statement that deletes the
// deltas it folds. A read adds rollups and the deltas left in one snapshot, so
// it counts each change exactly once before, during and after a fold.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { bucketOf, FAMILIES, grainsOf, sumOf, type Cuboid, type RollupFamily } from './families';
import type { Grain } from './plan';

/** Deltas folded per statement: bounds memory (PGlite) and lock time after a big load. */
export const FOLD_CHUNK = 100_000;

function foldSelect(family: RollupFamily, cuboid: Cuboid, grain: Grain): string {
	const bucket = bucketOf(grain, 'hour');
	const dimensions = family.dimensions.map((d) => (cuboid.keeps.includes(d) ? d : family.summedOver[d]));
	const groupBy = ['workspace_id', bucket, ...cuboid.keeps];
	return `select workspace_id, '${cuboid.name}', '${grain.name}', ${bucket}, ${dimensions.join(', ')},
		${family.sums.map((s) => sumOf(s)).join(', ')}
		from moved group by ${groupBy.join(', ')}`;
}

// Rows are written in key order, so two folds running at once queue on a row instead of deadlocking.
function foldStatement(family: RollupFamily): string {
	const key = ['workspace_id', 'cuboid', 'grain', 'bucket', ...family.dimensions];
	const sums = family.sums.map((s) => s.column);
	const selects = family.cuboids.flatMap((c) => grainsOf(c).map((g) => foldSelect(family, c, g)));
	return `insert into ${family.rollups} (${[...key, ...sums].join(', ')})
		select * from (${selects.join('\nunion all\n')}) as folded
		order by ${key.map((_, i) => i + 1).join(', ')}
		on conflict on constraint ${family.constraint} do update set
		${sums.map((c) => `${c} = ${family.rollups}.${c} + excluded.${c}`).join(',\n')}`;
}

const FOLD = new Map(FAMILIES.map((f) => [f.name, foldStatement(f)]));

/** Folds up to `chunk` deltas of a family (of one workspace, or all); returns how many it folded. */
export async function foldOnce(
	db: Db,
	family: RollupFamily,
	workspaceId?: string,
	chunk = FOLD_CHUNK
): Promise<number> {
	const scope: SQL = workspaceId ? sql`where workspace_id = ${workspaceId}` : sql``;
	const deltas = sql.raw(family.deltas);
	// SKIP LOCKED: a second compactor takes other deltas instead of waiting for these.
	const result = await db.execute(sql`with moved as (
		delete from ${deltas} where ctid = any(array(
			select ctid from ${deltas} ${scope} limit ${chunk} for update skip locked))
		returning *
	), folded as (${sql.raw(FOLD.get(family.name)!)} returning 1)
	select count(*)::int as moved from moved`);
	return Number(rowsOf(result)[0]?.moved ?? 0);
}

/** Names of changed shots settled per statement. */
export const SETTLE_CHUNK = 20_000;

/**
 * Recomputes the shots rows of every shot named in shot_changes (of one workspace, or all) and deletes
 * the names; their changes go to shot_deltas. Returns how many names it settled.
 */
export async function settleShots(db: Db, workspaceId?: string): Promise<number> {
	let total = 0;
	for (;;) {
		const result = await db.execute(
			sql`select keeprate_settle_shots(${SETTLE_CHUNK}, ${workspaceId ?? null}::text) as settled`
		);
		const settled = Number(rowsOf(result)[0]?.settled ?? 0);
		total += settled;
		if (settled < SETTLE_CHUNK) return total;
	}
}

/** Settles changed shots, then folds every family until no delta is left; returns the deltas folded. */
export async function fold(db: Db, workspaceId?: string): Promise<number> {
	await settleShots(db, workspaceId);
	let total = 0;
	for (const family of FAMILIES) {
		for (;;) {
			const moved = await foldOnce(db, family, workspaceId);
			total += moved;
			if (moved < FOLD_CHUNK) break;
		}
	}
	return total;
}

/** drizzle's execute answers rows (postgres.js) or { rows } (PGlite). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
	return Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

export interface Compactor {
	stop(): Promise<void>;
}

export interface CompactorOptions {
	everyMs?: number;
	/**
	 * Run CHECKPOINT after folds, at most once per `checkpointEveryMs`: the embedded database has no
	 * background checkpointer, so without it its write-ahead log grows with every write until a restart.
	 */
	checkpoint?: boolean;
	checkpointEveryMs?: number;
}

/** Folds deltas in the background every `everyMs`; reads are exact either way, folds keep them cheap. */
export function startCompactor(
	db: Db,
	log: (message: string) => void,
	{ everyMs = 2000, checkpoint = false, checkpointEveryMs = 60_000 }: CompactorOptions = {}
): Compactor {
	let running: Promise<void> | undefined;
	let stopped = false;
	let checkpointedAt = Date.now();
	let foldedSince = 0;
	const work = async () => {
		foldedSince += await fold(db);
		if (checkpoint && foldedSince > 0 && Date.now() - checkpointedAt >= checkpointEveryMs) {
			await db.execute(sql`checkpoint`);
			checkpointedAt = Date.now();
			foldedSince = 0;
		}
	};
	const tick = () => {
		if (running || stopped) return;
		running = work()
			.catch((error) => log(`rollup fold failed, retrying: ${(error as Error).message}`))
			.finally(() => (running = undefined));
	};
	const timer = setInterval(tick, everyMs);
	timer.unref();
	tick();
	return {
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
		}
	};
}
