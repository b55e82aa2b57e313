// The summary figures on seeded attempts, asserted exactly (docs/figures.md#per-model-figures).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { ingest } from '../../src/lib/server/ingest';
import { summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { countsByWeekAndModel } from '../../src/lib/server/queries/weekly-spend-by-model';
import { filtersSchema } from '../../src/lib/schemas/filters';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
let ws: string;

// sora-2 is priced at $0.10/s and sora-2-pro at $0.30/s at 1280x720 by the default catalog.
function take(id: string, model: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		project: 'spot',
		model,
		durationSeconds: 10,
		resolution: '1280x720',
		createdAt: '2026-09-01T10:00:00Z',
		...extra
	};
}

const seed = [
	// sora-2: 2 kept, 5 rejected, 1 failed (free), 2 pending: $1.00 a take.
	take('b1', 'sora-2', { verdict: 'keep', tags: ['close-up'] }),
	take('b2', 'sora-2', { verdict: 'keep', project: 'other' }),
	...[3, 4, 5, 6, 7].map((n) => take(`b${n}`, 'sora-2', { verdict: 'reject', tags: ['close-up'] })),
	take('b8', 'sora-2', { status: 'failed' }),
	take('b9', 'sora-2'),
	take('b10', 'sora-2', { verdict: 'pending', createdAt: '2026-09-08T00:00:00Z' }),
	// sora-2-pro: 3 kept (10 s, 10 s, 4 s), 1 rejected, 1 failed billed $0.50 by the client.
	take('p1', 'sora-2-pro', { verdict: 'keep', tags: ['close-up', 'fine-texture'] }),
	take('p2', 'sora-2-pro', { verdict: 'keep' }),
	take('p3', 'sora-2-pro', { verdict: 'keep', durationSeconds: 4 }),
	take('p4', 'sora-2-pro', { verdict: 'reject', tags: ['close-up'] }),
	take('p5', 'sora-2-pro', { status: 'failed', costUsd: 0.5 }),
	// A model outside the catalog, with a negotiated cost: a family of its own.
	take('h1', 'house-model', { verdict: 'keep', costUsd: 0.25 })
];

beforeAll(async () => {
	database = await testDatabase();
	ws = await freshWorkspace(database);
	await ingest(database.db, ws, { attempts: seed }, new Date('2026-11-20T00:00:00Z'));
});
afterAll(async () => {
	await database.close();
});

const summary = (query: Record<string, unknown> = {}) =>
	summaryByModel(database.db, ws, filtersSchema.parse(query));

describe('summary by model', () => {
	test('every figure of every model is exact', async () => {
		const { models } = await summary();
		expect(models.map((m) => m.model)).toEqual(['house-model', 'sora-2', 'sora-2-pro']);
		const [house, base, pro] = models;
		expect(base).toMatchObject({
			family: 'sora-2',
			tier: 0,
			attempts: 10,
			kept: 2,
			rejected: 5,
			failed: 1,
			pending: 2,
			decided: 8,
			spendUsd: 9,
			decidedSpendUsd: 7,
			wastedSpendUsd: 5,
			keepRate: 0.25,
			retakeRate: 0.75,
			costPerAttemptUsd: 0.875,
			costPerKeptClipUsd: 3.5,
			keptSeconds: 20,
			costPerKeptSecondUsd: 0.35
		});
		expect(pro).toMatchObject({
			family: 'sora-2',
			tier: 1,
			attempts: 5,
			kept: 3,
			rejected: 1,
			failed: 1,
			pending: 0,
			spendUsd: 10.7,
			decidedSpendUsd: 10.7,
			wastedSpendUsd: 3.5,
			keepRate: 0.6,
			costPerAttemptUsd: 2.14,
			costPerKeptClipUsd: 3.566667,
			keptSeconds: 24,
			costPerKeptSecondUsd: 0.445833
		});
		expect(house).toMatchObject({ family: 'house-model', kept: 1, spendUsd: 0.25, costPerKeptClipUsd: 0.25 });
		// Beta(2.5, 6.5) quantiles, as scipy.stats.beta.ppf([0.025, 0.975], 2.5, 6.5) gives them.
		expect(base.keepRateInterval?.[0]).toBeCloseTo(0.05596689, 6);
		expect(base.keepRateInterval?.[1]).toBeCloseTo(0.59162351, 6);
	});

	test('one comparison per family pair with decided attempts, cheaper tier as base', async () => {
		const { comparisons } = await summary();
		expect(comparisons).toHaveLength(1);
		const [c] = comparisons;
		expect(c).toMatchObject({
			family: 'sora-2',
			base: 'sora-2',
			premium: 'sora-2-pro',
			premiumKeepRate: 0.6
		});
		expect(c.costRatio).toBeCloseTo(2.14 / 0.875, 12);
		expect(c.breakEvenKeepRate).toBeCloseTo(0.25 * (2.14 / 0.875), 12);
		// $3.566667 per kept clip on Pro against $3.50 on the base tier.
		expect(c.premiumPaysForItself).toBe(false);
		expect(c.probabilityPremiumCheaper).toBeGreaterThan(0.1);
		expect(c.probabilityPremiumCheaper).toBeLessThan(0.9);
		expect(c.recommendation).toBe('undecided');
	});

	test('a time range is [from, to) on createdAt', async () => {
		const before = await summary({ to: '2026-09-08T00:00:00Z' });
		expect(before.models.find((m) => m.model === 'sora-2')?.attempts).toBe(9);
		const after = await summary({ from: '2026-09-08' });
		expect(after.models.map((m) => [m.model, m.attempts, m.pending, m.keepRate])).toEqual([
			['sora-2', 1, 1, null]
		]);
		expect(after.comparisons).toEqual([]);
	});

	test('filters by project, model and every tag asked for', async () => {
		const other = await summary({ project: 'other' });
		expect(other.models.map((m) => [m.model, m.kept, m.spendUsd])).toEqual([['sora-2', 1, 1]]);
		const pro = await summary({ model: 'sora-2-pro' });
		expect(pro.models.map((m) => m.model)).toEqual(['sora-2-pro']);
		const closeUp = await summary({ tag: ['close-up'] });
		expect(closeUp.models.map((m) => [m.model, m.attempts, m.kept])).toEqual([
			['sora-2', 6, 1],
			['sora-2-pro', 2, 1]
		]);
		const both = await summary({ tag: ['close-up', 'fine-texture'] });
		expect(both.models.map((m) => [m.model, m.attempts])).toEqual([['sora-2-pro', 1]]);
	});

	test('with nothing kept the per-kept figures are null, not 0', async () => {
		const { models } = await summary({ project: 'spot', tag: ['close-up'], model: 'sora-2' });
		expect(models[0]).toMatchObject({ kept: 1 });
		const none = await summary({ model: 'sora-2', from: '2026-09-08' });
		expect(none.models[0]).toMatchObject({
			kept: 0,
			decided: 0,
			keepRate: null,
			costPerAttemptUsd: null,
			costPerKeptClipUsd: null,
			costPerKeptSecondUsd: null,
			keepRateInterval: null
		});
	});

	test('totals add up across models', async () => {
		const { totals } = await summary();
		expect(totals).toMatchObject({ attempts: 16, kept: 6, pending: 2, spendUsd: 19.95, wastedSpendUsd: 8.5 });
		expect(totals.costPerKeptClipUsd).toBe(2.991667);
	});

	test('weekly spend per model buckets by ISO week starting Monday', async () => {
		const weeks = await countsByWeekAndModel(database.db, ws, filtersSchema.parse({}));
		expect(weeks.map((w) => [w.segment, w.model, w.spendMicros])).toEqual([
			['2026-08-31', 'house-model', 250_000],
			['2026-08-31', 'sora-2', 8_000_000],
			['2026-08-31', 'sora-2-pro', 10_700_000],
			['2026-09-07', 'sora-2', 1_000_000]
		]);
	});

	test('week buckets follow the workspace time zone', async () => {
		const weeks = await countsByWeekAndModel(database.db, ws, filtersSchema.parse({}), 'Pacific/Honolulu');
		// 2026-09-08T00:00Z is Monday 7 September 14:00 in Honolulu; 2026-09-01T10:00Z is Tuesday 00:00 there.
		expect(weeks.map((w) => w.segment)).toEqual(['2026-08-31', '2026-08-31', '2026-08-31', '2026-09-07']);
		const tokyo = await countsByWeekAndModel(database.db, ws, filtersSchema.parse({}), 'Asia/Tokyo');
		expect(tokyo.at(-1)?.segment).toBe('2026-09-07');
	});
});
