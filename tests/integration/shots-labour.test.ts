// The review labour of shots (docs/figures.md#review-labour-of-shots-and-reject-categories): each shot sums
// the review time of its decided takes; the shots figures price it. Against plain SQL over the attempts, read
// through shot rollups, with shots changed since the compactor last settled them, and after migration 0015
// on a database that already held reviewed takes. PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/lib/server/db/connection';
import { migrate, migrationsFolder } from '../../src/lib/server/db/migrate';
import { ingest } from '../../src/lib/server/ingest';
import { fold, rowsOf } from '../../src/lib/server/rollups/compact';
import { checkRollups } from '../../src/lib/server/rollups/maintain';
import { shotGroups } from '../../src/lib/server/queries/shots';
import { rejectReasons } from '../../src/lib/server/queries/reject-reasons';
import { shotStatsOfGroups } from '../../src/lib/metrics/shots';
import type { Filters } from '../../src/lib/schemas/filters';
import { freshWorkspace, onPostgres, testDatabase } from '../setup/db';
import { freshPostgresDatabase } from '../setup/server';

const now = new Date('2026-11-20T00:00:00Z');
/** $37.25 an hour, in micro-dollars: labour comes out fractional before rounding. */
const RATE = 37_250_000;

/** 60 takes of 14 shots on two models, some shots mixed; verdicts of every kind, review times with tenths. */
function seed() {
	return Array.from({ length: 60 }, (_, n) => {
		const verdict = n % 4 === 0 ? 'keep' : n % 6 === 1 ? 'pending' : 'reject';
		return {
			id: `t${n}`,
			project: n % 3 ? 'spot' : 'launch',
			model: n % 14 === 13 && n > 30 ? 'sora-2-pro' : n % 14 < 7 ? 'sora-2' : 'sora-2-pro',
			durationSeconds: 8,
			resolution: '1280x720',
			createdAt: new Date(Date.parse('2026-09-01T00:17:00Z') + n * 53 * 60_000).toISOString(),
			shotId: `shot${n % 14}`,
			...(n % 9 === 0
				? { status: 'failed', verdict: 'reject', reviewSeconds: 3.3 }
				: { verdict, ...(n % 5 === 4 ? {} : { reviewSeconds: (n % 11) * 9.5 + 0.1 }) })
		};
	});
}

/**
 * Per model, by plain SQL: the shots whose first take is in [from, to), their spend, their kept shots and
 * the review time of their decided takes.
 */
async function rawShots(database: Database, ws: string, f: Filters) {
	const rows = rowsOf(
		await database.db.execute(sql`with shot as (
				select shot_id, case when count(distinct model) = 1 then min(model) else '(mixed)' end as model,
					min(created_at) as first_at, sum(cost_micros) as spend,
					bool_or(status = 'succeeded' and verdict = 'keep') as kept,
					coalesce(sum(review_seconds::numeric)
						filter (where status = 'failed' or verdict in ('keep', 'reject')), 0) as review
				from attempts where workspace_id = ${ws} and shot_id is not null group by shot_id
			)
			select model, sum(spend)::bigint as spend, count(*) filter (where kept)::int as kept,
				sum(review)::text as review
			from shot
			where (${f.from?.toISOString() ?? null}::timestamptz is null or first_at >= ${f.from?.toISOString() ?? null}::timestamptz)
				and (${f.to?.toISOString() ?? null}::timestamptz is null or first_at < ${f.to?.toISOString() ?? null}::timestamptz)
			group by model order by model`)
	);
	return rows.map((r) => ({
		model: String(r.model),
		spend: Number(r.spend),
		kept: Number(r.kept),
		review: Number(r.review)
	}));
}

/** The shots figures priced at RATE equal those computed here from the plain SQL sums. */
async function expectShotsLabour(database: Database, ws: string, f: Filters) {
	const stats = shotStatsOfGroups(await shotGroups(database.db, ws, f), RATE);
	const raw = await rawShots(database, ws, f);
	expect(stats.map((s) => s.model)).toEqual(raw.map((r) => r.model));
	for (const r of raw) {
		const s = stats.find((x) => x.model === r.model)!;
		const labour = (r.review * RATE) / 3600;
		expect(s.reviewSeconds).toBeCloseTo(r.review, 9);
		expect(s.laborUsd).toBe(Math.round(labour) / 1e6);
		expect(s.allInSpendPerKeptShotUsd).toBe(r.kept ? Math.round((r.spend + labour) / r.kept) / 1e6 : null);
	}
	return stats;
}

const scopes: Filters[] = [
	{},
	{ from: new Date('2026-09-01T02:00:00Z'), to: new Date('2026-09-01T09:30:00Z') }
];

describe('review labour of shots', () => {
	let database: Database;
	let ws: string;
	beforeAll(async () => {
		database = await testDatabase();
		ws = await freshWorkspace(database);
		await ingest(database.db, ws, { attempts: seed() }, now);
	});
	afterAll(async () => {
		await database.close();
	});

	test.each(scopes)('equal plain SQL, before and after the compactor settles and folds (%o)', async (f) => {
		const unsettled = await expectShotsLabour(database, ws, f);
		expect(unsettled.some((s) => s.reviewSeconds > 0)).toBe(true);
		await fold(database.db, ws);
		expect(await expectShotsLabour(database, ws, f)).toEqual(unsettled);
		expect(await shotGroups(database.db, ws, f)).toEqual(
			await shotGroups(database.db, ws, f, { source: 'raw' })
		);
	});

	test('no rate: the review time is given, its money is null', async () => {
		for (const s of shotStatsOfGroups(await shotGroups(database.db, ws, {}))) {
			expect(s).toMatchObject({ laborUsd: null, allInSpendPerKeptShotUsd: null });
		}
	});

	test('a review time changed on a settled shot counts at once, and exactly once after the fold', async () => {
		await fold(database.db, ws);
		const before = shotStatsOfGroups(await shotGroups(database.db, ws, {}), RATE);
		// t2 (shot2, sora-2) is a reject sent with 2 x 9.5 + 0.1 = 19.1 s; its reviewer adds 40 s.
		const [take] = seed().filter((t) => t.id === 't2');
		await ingest(database.db, ws, { ...take, reviewSeconds: 59.1 }, now);
		const after = await expectShotsLabour(database, ws, {});
		const seconds = (list: typeof before) => list.find((s) => s.model === 'sora-2')!.reviewSeconds;
		expect(seconds(after)).toBeCloseTo(seconds(before) + 40, 9);
		await fold(database.db, ws);
		expect(await expectShotsLabour(database, ws, {})).toEqual(after);
		expect(await checkRollups(database.db, ws)).toEqual([]);
	});
});

describe('migration 0015 on a database with reviewed takes', () => {
	let before: string;
	beforeAll(() => {
		// The migrations up to 0014 only: review times stored, but not yet summed per shot or category.
		before = mkdtempSync(join(tmpdir(), 'keeprate-migrations-'));
		const all = migrationsFolder();
		for (const file of readdirSync(all)) {
			if (/^00(0\d|1[0-4])_.*\.sql$/.test(file)) cpSync(join(all, file), join(before, file));
		}
		const journal = JSON.parse(readFileSync(join(all, 'meta', '_journal.json'), 'utf8'));
		journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 14);
		cpSync(join(all, 'meta'), join(before, 'meta'), { recursive: true });
		writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify(journal));
	});
	afterAll(() => rmSync(before, { recursive: true, force: true }));

	test('counts the review time already stored in shots and reject categories; no drift', async () => {
		const pg = onPostgres ? await freshPostgresDatabase(process.env.DATABASE_URL!) : undefined;
		const database = await openDatabase({ url: pg?.url });
		try {
			process.env.KEEPRATE_MIGRATIONS_DIR = before;
			await migrate(database);
			delete process.env.KEEPRATE_MIGRATIONS_DIR;
			const ws = await freshWorkspace(database);
			await ingest(database.db, ws, { attempts: seed() }, now);
			// Shots settled before the migration: their rows and deltas hold every count, no review time.
			await database.db.execute(sql`select keeprate_settle_shots(100000)`);
			expect(rowsOf(await database.db.execute(sql`select count(*)::int as n from shots`))[0].n).toBe(14);

			await migrate(database);
			for (const f of scopes) await expectShotsLabour(database, ws, f);
			const reasons = await rejectReasons(database.db, ws, {}, { source: 'raw' }, RATE);
			expect(reasons.reasons.reduce((n, r) => n + r.reviewSeconds, 0)).toBeGreaterThan(0);
			expect(await rejectReasons(database.db, ws, {}, {}, RATE)).toEqual(reasons);
			await fold(database.db, ws);
			expect(await rejectReasons(database.db, ws, {}, {}, RATE)).toEqual(reasons);
			for (const f of scopes) await expectShotsLabour(database, ws, f);
			expect(await checkRollups(database.db, ws)).toEqual([]);
		} finally {
			delete process.env.KEEPRATE_MIGRATIONS_DIR;
			await database.close();
			await pg?.drop();
		}
	});
});
