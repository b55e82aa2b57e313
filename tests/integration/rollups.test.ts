// Rollups under the conditions that break naive counters: concurrent batches of the same shots, folds
// running during ingestion, corruption found and repaired. Runs on PGlite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { ingest } from '../../src/lib/server/ingest';
import { fold, rowsOf, startCompactor } from '../../src/lib/server/rollups/compact';
import { checkRollups, rebuildRollups } from '../../src/lib/server/rollups/maintain';
import { LISTED_SEGMENTS } from '../../src/lib/metrics/advice';
import { recommendations } from '../../src/lib/server/queries/recommendations';
import { reasonCounts } from '../../src/lib/server/queries/reject-reasons';
import { countsBySegment } from '../../src/lib/server/queries/segments';
import { shotGroups } from '../../src/lib/server/queries/shots';
import { summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { countsByWeekAndModel } from '../../src/lib/server/queries/weekly-spend-by-model';
import { freshWorkspace, onPostgres, testDatabase } from '../setup/db';

let database: Database;
let ws: string;
const now = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database.close();
});
beforeEach(async () => {
	ws = await freshWorkspace(database);
});

/** Take `n` of batch `batch`: 12 shots shared by every batch, minutes apart, every fourth kept. */
const take = (batch: number, n: number) => ({
	id: `b${batch}-t${n}`,
	project: n % 2 ? 'launch' : 'teaser',
	model: n % 3 ? 'sora-2' : 'sora-2-pro',
	durationSeconds: 4 + (n % 5) * 1.5,
	resolution: '1280x720',
	createdAt: new Date(Date.parse('2026-10-05T03:17:00Z') + (batch * 97 + n) * 61_000).toISOString(),
	shotId: `shot-${n % 12}`,
	verdict: (batch + n) % 4 === 0 ? 'keep' : (batch + n) % 4 === 1 ? 'reject' : 'pending',
	tags: [n % 2 ? 'close-up' : 'high-motion']
});

const batch = (b: number, size = 40) => ({ attempts: Array.from({ length: size }, (_, n) => take(b, n)) });

const raw = { source: 'raw' } as const;
const range = { from: new Date('2026-10-05T03:30:00Z'), to: new Date('2026-10-06T21:45:00Z') };

async function expectExact() {
	expect(await summaryByModel(database.db, ws, range)).toEqual(
		await summaryByModel(database.db, ws, range, raw)
	);
	expect(await countsByWeekAndModel(database.db, ws, {}, 'Asia/Kolkata')).toEqual(
		await countsByWeekAndModel(database.db, ws, {}, 'Asia/Kolkata', raw)
	);
	expect(await shotGroups(database.db, ws, {})).toEqual(await shotGroups(database.db, ws, {}, raw));
	expect(await checkRollups(database.db, ws)).toEqual([]);
}

describe('rollups stay exact', () => {
	test('eight batches of the same shots at once, with folds running meanwhile, count every take once', async () => {
		const writes = Array.from({ length: 8 }, (_, b) => ingest(database.db, ws, batch(b), now));
		const folds = Array.from({ length: 4 }, () => fold(database.db));
		const results = await Promise.all(writes);
		await Promise.all(folds);
		expect(results.map((r) => r.accepted)).toEqual(Array.from({ length: 8 }, () => 40));
		// Before the compactor settles what the last writes changed, reads recompute those shots.
		expect(await shotGroups(database.db, ws, {})).toEqual(await shotGroups(database.db, ws, {}, raw));
		await fold(database.db);
		const [shots] = rowsOf(
			await database.db.execute(sql`select count(*)::int as n, sum(takes)::int as takes
				from shots where workspace_id = ${ws}`)
		);
		expect(shots).toEqual({ n: 12, takes: 320 });
		await expectExact();
	});

	test('verdicts changed by resends after a fold move counts between states, not into new ones', async () => {
		await ingest(database.db, ws, batch(1), now);
		await fold(database.db);
		const flipped = batch(1).attempts.map((a) => ({
			...a,
			verdict: a.verdict === 'keep' ? 'reject' : 'keep'
		}));
		const result = await ingest(database.db, ws, { attempts: flipped }, now);
		expect(result.updated).toBe(40);
		const [{ totals }] = [await summaryByModel(database.db, ws, {})];
		expect(totals.attempts).toBe(40);
		expect(totals.pending).toBe(0);
		await expectExact();
		await fold(database.db);
		await expectExact();
	});

	test('a corrupted rollup is reported by the check and repaired by a rebuild', async () => {
		await ingest(database.db, ws, batch(2), now);
		await fold(database.db);
		await database.db.execute(sql`update attempt_rollups set kept = kept + 1
			where ctid = (select ctid from attempt_rollups where workspace_id = ${ws} and cuboid = 'pm' limit 1)`);
		const drift = await checkRollups(database.db, ws);
		expect(drift.map((d) => [d.table, d.cuboid, d.rows])).toEqual([['attempt_rollups', 'pm', 2]]);
		await rebuildRollups(database.db, ws);
		await expectExact();
	});

	test('deleting attempts takes them out of every figure and shot', async () => {
		await ingest(database.db, ws, batch(3), now);
		await fold(database.db);
		await database.db.execute(sql`delete from attempts where workspace_id = ${ws} and shot_id = 'shot-1'`);
		const groups = await shotGroups(database.db, ws, {});
		expect(groups.reduce((sum, g) => sum + g.shots, 0)).toBe(11);
		await expectExact();
	});
});

describe('deleted attempts', () => {
	test('a weekly chart forgets a deleted attempt once it was folded, with no attempt left', async () => {
		await ingest(database.db, ws, { attempts: [take(4, 1)] }, now);
		await fold(database.db);
		await database.db.execute(sql`delete from attempts where workspace_id = ${ws}`);
		expect(await countsByWeekAndModel(database.db, ws, {}, 'UTC')).toEqual([]);
		expect(await countsByWeekAndModel(database.db, ws, { project: 'teaser' }, 'Asia/Kolkata')).toEqual([]);
	});

	test('a weekly chart forgets a deleted attempt that came before every other', async () => {
		await ingest(database.db, ws, batch(4, 6), now);
		await fold(database.db);
		await database.db.execute(sql`delete from attempts where workspace_id = ${ws} and id = 'b4-t0'`);
		await expectExact();
		await fold(database.db);
		await expectExact();
	});
});

describe('long ranges', () => {
	test('a weekly export from 2000 over a year and a half of attempts answers, exact', async () => {
		const spread = Array.from({ length: 60 }, (_, n) => ({
			...take(7, n),
			costUsd: 0.25 + n / 100,
			createdAt: new Date(Date.parse('2025-01-01T13:45:00Z') + n * 10 * 86_400_000).toISOString()
		}));
		await ingest(database.db, ws, { attempts: spread }, now);
		await fold(database.db);
		const since2000 = { from: new Date('2000-01-01T00:00:00Z') };
		const weeks = await countsByWeekAndModel(database.db, ws, since2000, 'America/New_York');
		expect(new Set(weeks.map((w) => w.segment)).size).toBe(60);
		expect(weeks).toEqual(await countsByWeekAndModel(database.db, ws, since2000, 'America/New_York', raw));
	});
});

describe('answers a browser can hold', () => {
	test('recommendations over 300 creators and 120 projects stay under 100 KB, the busiest segments listed', async () => {
		const many = Array.from({ length: 2400 }, (_, n) => ({
			...take(5, n),
			id: `many-${n}`,
			project: `p-${n % 120}`,
			creator: `creator-${(n * 7) % 300}`,
			shotId: undefined,
			verdict: n % 3 === 0 ? 'keep' : 'reject'
		}));
		for (let i = 0; i < many.length; i += 500) {
			await ingest(database.db, ws, { attempts: many.slice(i, i + 500) }, now);
		}
		const pairs = await recommendations(database.db, ws, {}, { segmentsBy: 'creator' });
		const [pair] = pairs;
		expect(JSON.stringify(pairs).length).toBeLessThan(100_000);
		expect(pair.segments.listed.length).toBeLessThanOrEqual(LISTED_SEGMENTS);
		expect(pair.segments.hidden.segments + pair.segments.listed.length).toBe(300);
		expect(pair.segments.counts).toMatchObject({ creator: 300, project: 120 });
		const [byProject] = await recommendations(database.db, ws, {});
		expect(byProject.segments.hidden.segments + byProject.segments.listed.length).toBe(120);
		// The what-if still covers every project, listed or not.
		const all = await recommendations(database.db, ws, {}, { whatIf: 'project', ...raw });
		expect(pair.whatIf).toEqual(all[0].whatIf);
	});
});

describe('tags', () => {
	test('an attempt sent with a tag twice counts once in that tag, and its resend is still a duplicate', async () => {
		const twice = { ...take(9, 1), tags: ['close-up', 'close-up'], verdict: 'reject' };
		await ingest(database.db, ws, { attempts: [twice] }, now);
		expect((await ingest(database.db, ws, { attempts: [twice] }, now)).duplicates).toBe(1);
		const rows = await countsBySegment(database.db, ws, {}, 'tag');
		expect(rows.map((r) => [r.segment, r.attempts, r.spendMicros])).toEqual([['close-up', 1, 550_000]]);
		await expectExact();
	});

	test('a tag stored twice by a write outside ingestion counts once in that tag, whether read from rollups, unfolded changes or raw edges', async () => {
		await ingest(database.db, ws, batch(1), now);
		await fold(database.db);
		// As a tagger could write them: a tag twice, the same set in another order; not folded yet.
		await database.db.execute(sql`update attempts set tags = case when id like '%0' or id like '%5'
				then array['close-up', 'high-motion', 'close-up'] else array['high-motion', 'close-up'] end
			where workspace_id = ${ws} and id like 'b1-t1%'`);
		await database.db.execute(
			sql`update attempts set tags = '{}' where workspace_id = ${ws} and id = 'b1-t3'`
		);
		// Each attempt once per distinct tag, from the raw rows.
		const expected = async (filters: { from?: Date; to?: Date }, rejected: boolean) =>
			rowsOf(
				await database.db
					.execute(sql`select tag, model, ${rejected ? sql`reject_category` : sql`''`} as category,
						count(*)::int as attempts, sum(cost_micros)::bigint as spend
					from (select distinct a.id, a.model, a.reject_category, a.cost_micros, t.tag
						from attempts a
						cross join unnest(case when cardinality(a.tags) = 0 then array['(untagged)'] else a.tags end) as t(tag)
						where a.workspace_id = ${ws}
							and a.created_at >= ${(filters.from ?? new Date(0)).toISOString()}::timestamptz
							and a.created_at < ${(filters.to ?? new Date('2100-01-01')).toISOString()}::timestamptz
							${rejected ? sql`and a.reject_category is not null` : sql``}) as d
					group by 1, 2, 3 order by 1, 2, 3`)
			).map((r) => [r.tag, r.model, r.category, r.attempts, Number(r.spend)]);
		const read = async () => {
			for (const filters of [{}, range]) {
				const segments = await countsBySegment(database.db, ws, filters, 'tag');
				expect(segments.map((r) => [r.segment, r.model, '', r.attempts, r.spendMicros])).toEqual(
					await expected(filters, false)
				);
				const reasons = await reasonCounts(database.db, ws, filters, 'tag');
				expect(reasons.map((r) => [r.segment, r.model, r.category, r.attempts, r.wastedSpendMicros])).toEqual(
					await expected(filters, true)
				);
			}
		};
		await read();
		await fold(database.db);
		await read();
		await expectExact();
	});
});

describe('the compactor', () => {
	test('folds in the background and, on the embedded database, checkpoints so its write-ahead log cannot grow forever', async () => {
		const redo = async () =>
			String(
				rowsOf(await database.db.execute(sql`select redo_lsn::text as lsn from pg_control_checkpoint()`))[0]
					.lsn
			);
		const before = await redo();
		await ingest(database.db, ws, batch(6), now);
		const compactor = startCompactor(database.db, () => {}, {
			everyMs: 50,
			// The shared PostgreSQL server checkpoints by itself; only the embedded database needs it.
			checkpoint: !onPostgres,
			checkpointEveryMs: 0
		});
		await expect
			.poll(
				async () => rowsOf(await database.db.execute(sql`select count(*)::int as n from rollup_deltas`))[0].n
			)
			.toBe(0);
		if (!onPostgres) await expect.poll(redo).not.toBe(before);
		await compactor.stop();
		await expectExact();
	});
});
