// Review labour (issue 15): an attempt's reviewSeconds is part of its verdict. The API sets it (POST, resend,
// PATCH), the review queue adds to it, and the per-model sums count it over decided attempts, from rollups
// and raw edges alike, equal to a plain SQL sum over the raw rows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { ApiError } from '../../src/lib/server/errors';
import { findAttempt, ingest, setVerdict } from '../../src/lib/server/ingest';
import { countsByModel, summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { recommendations } from '../../src/lib/server/queries/recommendations';
import { weeklyReview } from '../../src/lib/server/queries/weekly-review';
import { weeklyCsv } from '../../src/lib/server/export/weekly-csv';
import { laborRate, updateWorkspaceSettings } from '../../src/lib/server/workspaces';
import { attempts } from '../../src/lib/server/db/schema';
import { probabilityPremiumCheaper, recommend } from '../../src/lib/metrics/confidence';
import { fold, rowsOf } from '../../src/lib/server/rollups/compact';
import { checkRollups } from '../../src/lib/server/rollups/maintain';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
const NOW = new Date('2026-11-20T00:00:00Z');

function take(id: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		project: 'labour',
		model: 'sora-2',
		durationSeconds: 10,
		resolution: '1280x720',
		createdAt: '2026-09-01T10:00:00Z',
		...extra
	};
}

const stored = async (ws: string, id: string) => (await findAttempt(database.db, ws, id))?.reviewSeconds;

beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database.close();
});

describe('reviewSeconds on an attempt', () => {
	test('is stored as sent, and a resend that changes it is a verdict update, not a conflict', async () => {
		const ws = await freshWorkspace(database);
		const first = await ingest(database.db, ws, take('a', { verdict: 'keep', reviewSeconds: 42.5 }), NOW);
		expect(first).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
		expect(await stored(ws, 'a')).toBe(42.5);

		const again = await ingest(database.db, ws, take('a', { verdict: 'keep', reviewSeconds: 42.5 }), NOW);
		expect(again).toEqual({ accepted: 0, duplicates: 1, updated: 0 });

		const changed = await ingest(database.db, ws, take('a', { verdict: 'keep', reviewSeconds: 60 }), NOW);
		expect(changed).toEqual({ accepted: 0, duplicates: 0, updated: 1 });
		expect(await stored(ws, 'a')).toBe(60);

		// A verdict resent without a review time leaves the stored one: a tool that never measured it
		// cannot erase what was measured.
		const without = await ingest(database.db, ws, take('a', { verdict: 'reject' }), NOW);
		expect(without).toEqual({ accepted: 0, duplicates: 0, updated: 1 });
		expect(await findAttempt(database.db, ws, 'a')).toMatchObject({ verdict: 'reject', reviewSeconds: 60 });
	});

	test('a batch that sends an id twice stores the later review time', async () => {
		const ws = await freshWorkspace(database);
		const result = await ingest(
			database.db,
			ws,
			{
				attempts: [
					take('b', { verdict: 'pending', reviewSeconds: 5 }),
					take('b', { verdict: 'reject', reviewSeconds: 9 })
				]
			},
			NOW
		);
		expect(result).toEqual({ accepted: 1, duplicates: 0, updated: 1 });
		expect(await stored(ws, 'b')).toBe(9);
	});

	test.each([
		[{ verdict: 'keep', reviewSeconds: -1 }, 'reviewSeconds'],
		[{ verdict: 'keep', reviewSeconds: 86_401 }, 'reviewSeconds'],
		[{ verdict: 'keep', reviewSeconds: '30' }, 'reviewSeconds'],
		[{ reviewSeconds: 30 }, 'reviewSeconds']
	])('%j is refused with a 400 naming the field, and nothing is stored', async (extra, path) => {
		const ws = await freshWorkspace(database);
		const error = await ingest(database.db, ws, take('c', extra), NOW).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(400);
		expect((error as ApiError).issues).toEqual([expect.objectContaining({ index: 0, path })]);
		expect(await findAttempt(database.db, ws, 'c')).toBeNull();
	});

	test('PATCH sets it (or leaves it when not sent); the review queue adds to it, over re-reviews', async () => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, take('d'), NOW);
		expect(await stored(ws, 'd')).toBeNull();
		// The queue: a first review of 12.5 s, undone (kept), then a second review of 20 s.
		await setVerdict(database.db, ws, 'd', { verdict: 'reject', addReviewSeconds: 12.5 }, NOW, 'user:u');
		await setVerdict(database.db, ws, 'd', { verdict: 'pending' }, NOW, null);
		expect(await stored(ws, 'd')).toBe(12.5);
		await setVerdict(database.db, ws, 'd', { verdict: 'keep', addReviewSeconds: 20 }, NOW, 'user:u');
		expect(await stored(ws, 'd')).toBe(32.5);
		// The API sets it.
		await setVerdict(database.db, ws, 'd', { verdict: 'keep', reviewSeconds: 7 }, NOW, 'key:k');
		expect(await stored(ws, 'd')).toBe(7);
		await setVerdict(database.db, ws, 'd', { verdict: 'reject', rejectReason: 'blurry' }, NOW, 'key:k');
		expect(await stored(ws, 'd')).toBe(7);
	});
});

describe('the reviewSeconds sum', () => {
	test('counts decided attempts only, from rollups and raw edges, equal to a SQL sum of raw rows', async () => {
		const ws = await freshWorkspace(database);
		await ingest(
			database.db,
			ws,
			{
				attempts: [
					take('k1', { verdict: 'keep', reviewSeconds: 30.1 }),
					take('r1', { verdict: 'reject', reviewSeconds: 0.2, createdAt: '2026-09-02T10:30:00Z' }),
					take('f1', { status: 'failed', verdict: 'reject', reviewSeconds: 4 }),
					// Pending: reviewed for a while, but not decided, so not counted.
					take('p1', { verdict: 'pending', reviewSeconds: 100 }),
					take('k2', { model: 'sora-2-pro', verdict: 'keep', reviewSeconds: 15 })
				]
			},
			NOW
		);
		const plain = async () => {
			const result = await database.db.execute(sql`select model, coalesce(sum(review_seconds::numeric)
					filter (where status = 'failed' or verdict in ('keep', 'reject')), 0)::text as seconds
				from attempts where workspace_id = ${ws} group by model order by model`);
			const rows = rowsOf(result) as { model: string; seconds: string }[];
			return rows.map((r) => ({ model: r.model, reviewSeconds: Number(r.seconds) }));
		};
		const read = async (range: { from?: Date; to?: Date } = {}) =>
			(await countsByModel(database.db, ws, range)).map((c) => ({
				model: c.model,
				reviewSeconds: c.reviewSeconds
			}));
		expect(await plain()).toEqual([
			{ model: 'sora-2', reviewSeconds: 34.3 },
			{ model: 'sora-2-pro', reviewSeconds: 15 }
		]);
		expect(await read()).toEqual(await plain());
		await fold(database.db, ws);
		// A range that cuts hours: whole buckets from rollups, the edges raw.
		const range = { from: new Date('2026-09-01T09:59:00Z'), to: new Date('2026-09-02T10:31:00Z') };
		expect(await read(range)).toEqual(await plain());
		expect(await read({ from: new Date('2026-09-02T00:00:00Z') })).toEqual([
			{ model: 'sora-2', reviewSeconds: 0.2 }
		]);
		// A verdict that moves back to pending takes its seconds out of the sum, in the same transaction.
		await setVerdict(database.db, ws, 'k1', { verdict: 'pending' }, NOW, null);
		expect(await read()).toEqual([
			{ model: 'sora-2', reviewSeconds: 4.2 },
			{ model: 'sora-2-pro', reviewSeconds: 15 }
		]);
		expect(await read()).toEqual(await plain());
		expect(await checkRollups(database.db, ws)).toEqual([]);
	});
});

describe('the all-in figures', () => {
	// sora-2 at $0.10/s and sora-2-pro at $0.30/s (1280x720, the default catalog), 10 s takes: $1 and $3.
	// The base keeps 3 in 10 and takes long to judge; the premium keeps 3 in 5 and is judged quickly.
	const seed = [
		...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) =>
			take(`b${n}`, { verdict: n <= 3 ? 'keep' : 'reject', reviewSeconds: 95.5 + n / 10 })
		),
		take('b-failed', { status: 'failed', verdict: 'reject', reviewSeconds: 3 }),
		take('b-pending', { reviewSeconds: 0, verdict: 'pending' }),
		...[1, 2, 3, 4, 5].map((n) =>
			take(`p${n}`, {
				model: 'sora-2-pro',
				verdict: n <= 3 ? 'keep' : 'reject',
				reviewSeconds: 20.25,
				createdAt: '2026-09-03T18:45:00Z'
			})
		),
		take('p-unreviewed', { model: 'sora-2-pro', verdict: 'keep', createdAt: '2026-09-03T19:00:00Z' })
	];
	// $52.50 an hour, in micro-dollars.
	const RATE = 52_500_000;

	/** Every labour figure in plain JS over the raw rows (docs/figures.md), per model. */
	async function byHand(ws: string, rate: number) {
		const rows = await database.db.select().from(attempts).where(eq(attempts.workspaceId, ws));
		const isDecided = (a: (typeof rows)[number]) => a.status === 'failed' || a.verdict !== 'pending';
		const out = new Map<string, Record<string, number | null>>();
		for (const model of ['sora-2', 'sora-2-pro']) {
			const mine = rows.filter((a) => a.model === model && isDecided(a));
			const kept = mine.filter((a) => a.status === 'succeeded' && a.verdict === 'keep').length;
			const seconds = mine.reduce((t, a) => t + (a.reviewSeconds ?? 0), 0);
			const bill = mine.reduce((t, a) => t + a.costMicros, 0);
			const labor = (seconds * rate) / 3600;
			out.set(model, {
				decided: mine.length,
				kept,
				reviewSeconds: seconds,
				laborUsd: Math.round(labor) / 1e6,
				allInSpendUsd: Math.round(bill + labor) / 1e6,
				allInCostPerKeptClipUsd: kept === 0 ? null : Math.round((bill + labor) / kept) / 1e6,
				allInPerAttempt: (bill + labor) / mine.length
			});
		}
		return out;
	}

	test('model rows and the comparison equal a computation from raw rows, from rollups and raw alike', async () => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, { attempts: seed }, NOW);
		await fold(database.db, ws);
		const hand = await byHand(ws, RATE);
		const summary = await summaryByModel(database.db, ws, {}, { laborRate: RATE });
		for (const row of summary.models) {
			const h = hand.get(row.model)!;
			expect(row.reviewSeconds).toBeCloseTo(h.reviewSeconds!, 9);
			expect(row).toMatchObject({
				laborUsd: h.laborUsd,
				allInSpendUsd: h.allInSpendUsd,
				allInCostPerKeptClipUsd: h.allInCostPerKeptClipUsd
			});
		}
		const [pair] = summary.comparisons;
		const [b, p] = [hand.get('sora-2')!, hand.get('sora-2-pro')!];
		const ratio = p.allInPerAttempt! / b.allInPerAttempt!;
		expect(pair.allInCostRatio).toBeCloseTo(ratio, 12);
		expect(pair.allInBreakEvenKeepRate).toBeCloseTo((b.kept! / b.decided!) * ratio, 12);
		expect(pair.allInPremiumPaysForItself).toBe(p.allInCostPerKeptClipUsd! <= b.allInCostPerKeptClipUsd!);
		const probability = probabilityPremiumCheaper(
			{ kept: b.kept!, decided: b.decided! },
			{ kept: p.kept!, decided: p.decided! },
			ratio
		)!;
		expect(pair.probabilityPremiumCheaperAllIn).toBeCloseTo(probability, 9);
		expect(pair.allInRecommendation).toBe(recommend(probability));
		// Labour makes the premium cheaper per usable clip here, where the bill alone does not.
		expect(pair.premiumPaysForItself).toBe(false);
		expect(pair.allInPremiumPaysForItself).toBe(true);

		// The same answer from raw attempts alone, and from rollups with a range that cuts hours.
		expect(await summaryByModel(database.db, ws, {}, { laborRate: RATE, source: 'raw' })).toEqual(summary);
		const cut = { from: new Date('2026-09-01T09:30:00Z'), to: new Date('2026-09-03T19:30:00Z') };
		expect(await summaryByModel(database.db, ws, cut, { laborRate: RATE })).toEqual(
			await summaryByModel(database.db, ws, cut, { laborRate: RATE, source: 'raw' })
		);
	});

	test('no rate: every labour figure is null; the workspace rate applies unless a request asks for another', async () => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, { attempts: seed }, NOW);
		expect(await laborRate(database.db, ws)).toBeNull();
		const plain = await summaryByModel(database.db, ws, {}, { laborRate: await laborRate(database.db, ws) });
		for (const row of plain.models) {
			expect(row).toMatchObject({ laborUsd: null, allInSpendUsd: null, allInCostPerKeptClipUsd: null });
			expect(row.reviewSeconds).toBeGreaterThan(0);
		}
		expect(plain.comparisons[0]).toMatchObject({
			allInCostRatio: null,
			allInBreakEvenKeepRate: null,
			allInPremiumPaysForItself: null,
			probabilityPremiumCheaperAllIn: null,
			allInRecommendation: null
		});

		await updateWorkspaceSettings(database.db, ws, { laborMicrosPerHour: RATE });
		expect(await laborRate(database.db, ws)).toBe(RATE);
		expect(await laborRate(database.db, ws, 0)).toBe(0);
		const priced = await summaryByModel(database.db, ws, {}, { laborRate: await laborRate(database.db, ws) });
		expect(priced.models[0].laborUsd).toBe((await byHand(ws, RATE)).get(priced.models[0].model)!.laborUsd);
	});

	test('recommendations, the weekly review and the weekly CSV carry the all-in figures at the rate', async () => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, { attempts: seed }, NOW);
		const summary = await summaryByModel(database.db, ws, {}, { laborRate: RATE });
		const [advice] = await recommendations(database.db, ws, {}, { laborRate: RATE });
		expect(advice.overall).toMatchObject({
			allInCostRatio: summary.comparisons[0].allInCostRatio,
			allInRecommendation: summary.comparisons[0].allInRecommendation
		});
		const week = await weeklyReview(database.db, ws, '2026-W36', undefined, NOW, { laborRate: RATE });
		expect(week.models).toEqual(summary.models);
		expect(week.allInSpendUsd).toBe(summary.totals.allInSpendUsd);
		expect(week.allInCostPerKeptClipUsd).toBe(summary.totals.allInCostPerKeptClipUsd);

		const csv = (await weeklyCsv(database.db, ws, {}, 'UTC', RATE)).trim().split(/\r?\n/);
		expect(csv[0].split(',').slice(-4)).toEqual([
			'reviewSeconds',
			'laborUsd',
			'allInSpendUsd',
			'allInCostPerKeptClipUsd'
		]);
		const base = summary.models.find((m) => m.model === 'sora-2')!;
		expect(csv[1].split(',').slice(-3)).toEqual([
			base.laborUsd!.toFixed(6),
			base.allInSpendUsd!.toFixed(6),
			base.allInCostPerKeptClipUsd!.toFixed(6)
		]);
		const bare = (await weeklyCsv(database.db, ws, {}, 'UTC')).trim().split(/\r?\n/);
		expect(bare[1].split(',').slice(-3)).toEqual(['', '', '']);
	});
});
