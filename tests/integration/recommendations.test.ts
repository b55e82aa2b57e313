// Tier advice, segments, shots and the what-if on seeded data, asserted exactly.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { ingest } from '../../src/lib/server/ingest';
import { recommendations } from '../../src/lib/server/queries/recommendations';
import { shotGroups } from '../../src/lib/server/queries/shots';
import { summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { shotStatsOfGroups } from '../../src/lib/metrics/shots';
import { filtersSchema } from '../../src/lib/schemas/filters';
import type { Dimension } from '../../src/lib/schemas/segments';
import { eq } from 'drizzle-orm';
import { attempts } from '../../src/lib/server/db/schema';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
let ws: string;
let minute = 0;
const items: Record<string, unknown>[] = [];

/** A shot on one model: `rejects` rejected takes, then a keep (or none when keep is false). */
function shot(project: string, tag: string, model: string, rejects: number, keep = true) {
	const shotId = `${project}-${model}-${items.length}`;
	const takes = [...Array(rejects).fill('reject'), ...(keep ? ['keep'] : [])];
	takes.forEach((verdict, i) =>
		items.push({
			id: `${shotId}-t${i + 1}`,
			project,
			model,
			shotId,
			verdict,
			tags: [tag],
			durationSeconds: 10,
			resolution: '1280x720',
			generationSeconds: model === 'sora-2' ? 40 : 100,
			createdAt: new Date(Date.UTC(2026, 8, 1) + 60_000 * minute++).toISOString()
		})
	);
}
const repeat = (n: number, f: () => void) => Array.from({ length: n }).forEach(f);

beforeAll(async () => {
	database = await testDatabase();
	ws = await freshWorkspace(database);
	// Close-ups: the base tier ($1 a take) keeps 2 of 20, Pro ($3 a take) keeps 16 of 20.
	repeat(2, () => shot('close', 'close-up', 'sora-2', 9));
	repeat(12, () => shot('close', 'close-up', 'sora-2-pro', 0));
	repeat(4, () => shot('close', 'close-up', 'sora-2-pro', 1));
	// Landscapes: the base tier keeps 16 of 20, Pro 14 of 20.
	repeat(12, () => shot('wide', 'landscape', 'sora-2', 0));
	repeat(4, () => shot('wide', 'landscape', 'sora-2', 1));
	repeat(8, () => shot('wide', 'landscape', 'sora-2-pro', 0));
	repeat(6, () => shot('wide', 'landscape', 'sora-2-pro', 1));
	// An abandoned shot (two rejects) and one waiting for review.
	shot('misc', 'interior', 'sora-2', 2, false);
	items.push({ ...items.at(-1)!, id: 'misc-pending', shotId: 'misc-pending', verdict: 'pending' });
	await ingest(database.db, ws, { attempts: items }, new Date('2026-11-20T00:00:00Z'));
});
afterAll(async () => {
	await database.close();
});

const all = filtersSchema.parse({});

describe('recommendations', () => {
	test('per segment: premium where it pays, base where it does not, with the saving per 100 usable clips', async () => {
		const [pair] = await recommendations(database.db, ws, all);
		expect(pair).toMatchObject({ family: 'sora-2', base: 'sora-2', premium: 'sora-2-pro' });
		expect(pair.segments.by).toBe('project');
		const byProject = Object.fromEntries(pair.segments.listed.map((s) => [s.segment, s]));
		expect(byProject.close.advice).toMatchObject({
			recommendation: 'premium',
			savingPer100UsableClipsUsd: 625
		});
		expect(byProject.close.premium).toMatchObject({ keepRate: 0.8, costPerKeptClipUsd: 3.75 });
		expect(byProject.close.base).toMatchObject({ costPerKeptClipUsd: 10 });
		expect(byProject.close.advice!.breakEvenKeepRate).toBeCloseTo(0.3, 12);
		// numpy: mean(beta(16.5, 4.5) / beta(2.5, 18.5) > 3) over 4e6 draws = 0.95352.
		expect(byProject.close.advice!.probabilityPremiumCheaper).toBeCloseTo(0.95352, 3);
		// A segment's sentence is the overall advice of its attempts alone.
		const [closeOnly] = await recommendations(database.db, ws, filtersSchema.parse({ project: 'close' }));
		const [wideOnly] = await recommendations(database.db, ws, filtersSchema.parse({ project: 'wide' }));
		expect(closeOnly.overall).toMatchObject(byProject.close.advice!);
		expect(closeOnly.overall.rationale).toBe(
			'Use Sora 2 Pro: it keeps 80% (59–93%) of takes; it needs 30% to pay for itself at 3.00× the cost per ' +
				'attempt of Sora 2 (which keeps 10%). Chance it is cheaper per usable clip: 95%, saving about $625.00 per 100 usable clips.'
		);
		expect(byProject.wide.advice).toMatchObject({
			recommendation: 'base',
			premiumSavingPer100UsableClipsUsd: -303.571429,
			savingPer100UsableClipsUsd: 303.571429
		});
		expect(wideOnly.overall.rationale).toMatch(
			/^Stay on Sora 2: .*cannot pay for itself \(it would need 240%\)/
		);
		// Only the base tier was used: no advice.
		expect(byProject.misc).toMatchObject({ advice: null, premium: null });
		expect(byProject.misc.base).toMatchObject({ attempts: 3, decided: 2, pending: 1 });
	});

	test('segments by scene tag, resolution and duration carry the same figures', async () => {
		const by = async (segmentsBy: Dimension) =>
			(await recommendations(database.db, ws, all, { segmentsBy }))[0].segments;
		const tags = await by('tag');
		expect(tags.counts).toEqual({ tag: 3, resolution: 1, duration: 1, creator: 1, project: 3 });
		expect(tags.listed.map((s) => [s.segment, s.advice?.recommendation ?? null])).toEqual([
			['close-up', 'premium'],
			['interior', null],
			['landscape', 'base']
		]);
		expect((await by('resolution')).listed).toHaveLength(1);
		expect((await by('duration')).listed.map((s) => s.segment)).toEqual(['8–12 s']);
		expect((await by('creator')).listed.map((s) => s.segment)).toEqual(['(unknown)']);
	});

	test('the what-if buys the same kept clips at each segment’s recommended tier', async () => {
		const [pair] = await recommendations(database.db, ws, all);
		// close: 18 kept at $3.75; wide: 30 kept at $1.25; misc unchanged ($2 decided). Actual: 80 + 80 + 2.
		expect(pair.whatIf).toMatchObject({
			dimension: 'project',
			actualUsd: 162,
			whatIfUsd: 107,
			savingUsd: 55,
			segmentsChanged: 2
		});
		expect(pair.whatIf.savingShare).toBeCloseTo(55 / 162, 12);
		const [lo, hi] = pair.whatIf.whatIfIntervalUsd;
		expect(lo).toBeLessThan(107);
		expect(hi).toBeGreaterThan(107);
		expect(lo).toBeGreaterThan(2);
	});

	test('overall, the pair is compared on all its attempts', async () => {
		const [pair] = await recommendations(database.db, ws, all);
		// Base: 42 decided, 18 kept, $42; Pro: 40 decided, 30 kept, $120. Break-even 18/42 x 3 > 1.
		expect(pair.overall.breakEvenKeepRate).toBeCloseTo((18 / 42) * (120 / 40 / (42 / 42)), 12);
		expect(pair.overall.recommendation).toBe('base');
		const project = await recommendations(database.db, ws, filtersSchema.parse({ project: 'close' }));
		expect(project[0].overall.recommendation).toBe('premium');
	});
});

describe('shots and time to a usable clip', () => {
	test('attempts to the first keep per model: histogram, median, abandoned and in review', async () => {
		const stats = shotStatsOfGroups(await shotGroups(database.db, ws, all));
		expect(stats).toEqual([
			{
				model: 'sora-2',
				shots: 20,
				keptShots: 18,
				abandoned: 1,
				inReview: 1,
				histogram: [12, 4, 0, 0, 0, 2],
				medianAttemptsToFirstKeep: 1,
				meanAttemptsToFirstKeep: (12 + 8 + 20) / 18,
				meanCostToFirstKeepUsd: 2.222222,
				abandonedSpendUsd: 2,
				// 40 takes of kept shots, 2 of the abandoned one and 1 in review, at $1 each, over 18 kept shots.
				spendPerKeptShotUsd: 2.388889,
				// No review time sent, no rate asked: the time is 0, its money unknown.
				reviewSeconds: 0,
				laborUsd: null,
				allInSpendPerKeptShotUsd: null
			},
			{
				model: 'sora-2-pro',
				shots: 30,
				keptShots: 30,
				abandoned: 0,
				inReview: 0,
				histogram: [20, 10, 0, 0, 0, 0],
				medianAttemptsToFirstKeep: 1,
				meanAttemptsToFirstKeep: 40 / 30,
				meanCostToFirstKeepUsd: 4,
				abandonedSpendUsd: 0,
				spendPerKeptShotUsd: 4,
				reviewSeconds: 0,
				laborUsd: null,
				allInSpendPerKeptShotUsd: null
			}
		]);
	});

	test('all spend per kept shot equals a count over the raw attempts', async () => {
		// Independent of the shots table and its rollups: every attempt with a shotId, grouped here.
		const rows = await database.db
			.select({
				model: attempts.model,
				shotId: attempts.shotId,
				costMicros: attempts.costMicros,
				status: attempts.status,
				verdict: attempts.verdict
			})
			.from(attempts)
			.where(eq(attempts.workspaceId, ws));
		const perModel = new Map<string, { spend: number; kept: Set<string> }>();
		for (const r of rows) {
			if (r.shotId === null) continue;
			const m = perModel.get(r.model) ?? { spend: 0, kept: new Set<string>() };
			m.spend += Number(r.costMicros);
			if (r.status === 'succeeded' && r.verdict === 'keep') m.kept.add(r.shotId);
			perModel.set(r.model, m);
		}
		const stats = shotStatsOfGroups(await shotGroups(database.db, ws, all));
		expect(stats.map((s) => s.model)).toEqual([...perModel.keys()].sort());
		for (const s of stats) {
			const m = perModel.get(s.model)!;
			expect(s.spendPerKeptShotUsd).toBe(Math.round(m.spend / m.kept.size) / 1e6);
			// The figure the page shows beside the mean cost to the first keep: never below it.
			expect(s.spendPerKeptShotUsd!).toBeGreaterThanOrEqual(s.meanCostToFirstKeepUsd!);
		}
	});

	test('generation time x attempts per kept clip', async () => {
		const { models } = await summaryByModel(database.db, ws, all);
		const [base, pro] = models;
		expect(base.meanGenerationSeconds).toBe(40);
		expect(base.attemptsPerKeptClip).toBeCloseTo(42 / 18, 12);
		expect(base.secondsToUsableClip).toBeCloseTo((40 * 42) / 18, 9);
		expect(pro.secondsToUsableClip).toBeCloseTo((100 * 40) / 30, 9);
	});
});
