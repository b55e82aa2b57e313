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
import { eq, sql } from 'drizzle-orm';
import { probabilityPremiumCheaper, recommend } from '../../src/lib/metrics/confidence';
import { rowsOf } from '../../src/lib/server/rollups/compact';
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

describe('all-in advice per segment and the all-in what-if', () => {
	// $36 an hour, in micro-dollars.
	const RATE = 36_000_000;
	let priced: string;

	beforeAll(async () => {
		priced = await freshWorkspace(database);
		let n = 0;
		const takes = (project: string, model: string, kept: number, decidedN: number, reviewSeconds: number) =>
			Array.from({ length: decidedN }, (_, i) => ({
				id: `${project}-${model}-${n}`,
				project,
				model,
				verdict: i < kept ? 'keep' : 'reject',
				tags: [project],
				durationSeconds: 10,
				resolution: '1280x720',
				reviewSeconds,
				createdAt: new Date(Date.UTC(2026, 8, 1) + 60_000 * n++).toISOString()
			}));
		const items = [
			// Close-ups: Sora 2 ($1 a take) keeps half but each take takes 10 minutes to judge; Pro ($3)
			// keeps 60%, judged in 30 s. The bill says stay on Sora 2, the whole cost says Pro.
			...takes('close', 'sora-2', 10, 20, 600),
			...takes('close', 'sora-2-pro', 12, 20, 30),
			// Landscapes: both judged quickly; Sora 2 either way.
			...takes('wide', 'sora-2', 16, 20, 10),
			...takes('wide', 'sora-2-pro', 14, 20, 10),
			// Waiting for review: in neither the bill nor the labour of decided attempts.
			{ ...takes('wide', 'sora-2-pro', 0, 1, 500)[0], verdict: 'pending' }
		];
		await ingest(database.db, priced, { attempts: items }, new Date('2026-11-20T00:00:00Z'));
	});

	/** Per project and model, from the raw rows: decided, kept, the decided bill and review time. */
	async function rawSums() {
		const result = await database.db.execute(sql`
			select project, model,
				count(*) filter (where status = 'failed' or verdict in ('keep', 'reject'))::int as decided,
				count(*) filter (where status = 'succeeded' and verdict = 'keep')::int as kept,
				coalesce(sum(cost_micros) filter (where status = 'failed' or verdict in ('keep', 'reject')), 0)::text as spend,
				coalesce(sum(review_seconds::numeric) filter (where status = 'failed' or verdict in ('keep', 'reject')), 0)::text as seconds
			from attempts where workspace_id = ${priced} group by project, model`);
		const sums = new Map<string, { decided: number; kept: number; allIn: number }>();
		for (const r of rowsOf(result) as Record<string, string | number>[]) {
			const allIn = Number(r.spend) + (Number(r.seconds) * RATE) / 3600;
			sums.set(`${r.project}/${r.model}`, { decided: Number(r.decided), kept: Number(r.kept), allIn });
		}
		return sums;
	}

	test('each segment’s all-in figures equal a computation from the raw rows; labour flips close-ups', async () => {
		const sums = await rawSums();
		const [pair] = await recommendations(database.db, priced, all, { laborRate: RATE });
		const byProject = Object.fromEntries(pair.segments.listed.map((s) => [s.segment, s]));
		for (const project of ['close', 'wide']) {
			const b = sums.get(`${project}/sora-2`)!;
			const p = sums.get(`${project}/sora-2-pro`)!;
			const s = byProject[project];
			expect(s.base!.allInCostPerKeptClipUsd).toBe(Math.round(b.allIn / b.kept) / 1e6);
			expect(s.premium!.allInCostPerKeptClipUsd).toBe(Math.round(p.allIn / p.kept) / 1e6);
			const ratio = p.allIn / p.decided / (b.allIn / b.decided);
			expect(s.advice!.allInCostRatio).toBeCloseTo(ratio, 12);
			expect(s.advice!.allInBreakEvenKeepRate).toBeCloseTo((b.kept / b.decided) * ratio, 12);
			expect(s.advice!.allInPremiumPaysForItself).toBe(p.allIn / p.kept <= b.allIn / b.kept);
			const chance = probabilityPremiumCheaper(b, p, ratio);
			expect(s.advice!.probabilityPremiumCheaperAllIn).toBeCloseTo(chance!, 9);
			expect(s.advice!.allInRecommendation).toBe(recommend(chance));
		}
		expect(byProject.close.advice).toMatchObject({ recommendation: 'base', allInRecommendation: 'premium' });
		expect(byProject.wide.advice).toMatchObject({ recommendation: 'base', allInRecommendation: 'base' });
		// $20 + $120 of review for 10 kept close-ups on Sora 2; $60 + $6 for 12 on Pro.
		expect(byProject.close.base!.allInCostPerKeptClipUsd).toBe(14);
		expect(byProject.close.premium!.allInCostPerKeptClipUsd).toBe(5.5);
	});

	test('the all-in what-if buys each segment’s kept clips at its all-in tier, priced from the raw rows', async () => {
		const sums = await rawSums();
		const [pair] = await recommendations(database.db, priced, all, { laborRate: RATE });
		const of = (project: string, model: string) => sums.get(`${project}/${model}`)!;
		const actual = [...sums.values()].reduce((total, s) => total + s.allIn, 0);
		// close moves to Pro, wide stays on Sora 2: the kept clips of both tiers at the chosen one's cost.
		const close =
			(of('close', 'sora-2').kept + of('close', 'sora-2-pro').kept) * (of('close', 'sora-2-pro').allIn / 12);
		const wide =
			(of('wide', 'sora-2').kept + of('wide', 'sora-2-pro').kept) * (of('wide', 'sora-2').allIn / 16);
		expect(pair.whatIf.allIn).toMatchObject({
			actualUsd: Math.round(actual) / 1e6,
			whatIfUsd: Math.round(close + wide) / 1e6,
			savingUsd: (Math.round(actual) - Math.round(close + wide)) / 1e6,
			segmentsChanged: 2
		});
		// All-in: close-ups $140 + $66, landscapes $22 + $62; what-if 22 close-ups at $5.50 and 30 landscapes
		// at $22 / 16.
		expect(pair.whatIf.allIn!.actualUsd).toBe(290);
		expect(pair.whatIf.allIn!.whatIfUsd).toBe(162.25);
		const [lo, hi] = pair.whatIf.allIn!.whatIfIntervalUsd;
		expect(lo).toBeLessThan(pair.whatIf.allIn!.whatIfUsd);
		expect(hi).toBeGreaterThan(pair.whatIf.allIn!.whatIfUsd);
		// The bill's what-if keeps close-ups on Sora 2, whatever the rate.
		const [bare] = await recommendations(database.db, priced, all);
		expect(pair.whatIf).toMatchObject({ ...bare.whatIf, allIn: expect.any(Object) });
		expect(bare.whatIf.allIn).toBeNull();
		expect(bare.segments.listed[0].advice!.allInRecommendation).toBeNull();
		expect(bare.segments.listed[0].base!.allInCostPerKeptClipUsd).toBeNull();
	});
});
