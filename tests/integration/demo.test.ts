// The demo data tells the product's story honestly: every current family in several projects, and a family
// whose premium tier pays for itself on detail-dense shots and one project but not on calm shots and another,
// by the advice the recommendations page shows over its default range. Checked again from the raw rows.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { PHRASES } from '../../src/lib/server/demo/reasons';
import { DEMO_LABOR_MICROS_PER_HOUR, seedDemo } from '../../src/lib/server/demo/seed';
import { summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { laborRate } from '../../src/lib/server/workspaces';
import { labourFlipSentence } from '../../src/lib/metrics/advice';
import { microsToUsd } from '../../src/lib/metrics/money';
import { pageRange } from '../../src/lib/server/page-range';
import { recommendations, type PairAdvice } from '../../src/lib/server/queries/recommendations';
import { playableClipUrl } from '../../src/lib/demo-clips';
import { defaultCatalog } from '../../src/lib/server/catalog/default-catalog';
import { freshWorkspace, testDatabase } from '../setup/db';

const now = new Date('2026-12-06T12:00:00Z');
const CALM = ['landscape', 'slow-motion', 'interior'];

let database: Database;
let ws: string;
let seeded: number;
/** The recommendations page's own filters: its default range (six weeks to today), every project. */
const filters = pageRange(new URL('http://localhost/recommendations'), 'UTC', now).filters;

beforeAll(async () => {
	database = await testDatabase();
	ws = await freshWorkspace(database);
	seeded = (await seedDemo(database.db, ws, now)).attempts;
});

afterAll(async () => {
	await database?.close();
});

/** Rows of a raw SQL query, on either driver. */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	const result = (await database.db.execute(query)) as unknown as { rows?: T[] } | T[];
	return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Segments of a pair where the advice is `premium`, and where it is `base`. */
function turns(pair: PairAdvice) {
	const where = (r: string) =>
		pair.segments.listed.filter((s) => s.advice?.recommendation === r).map((s) => s.segment);
	return { premium: where('premium'), base: where('base') };
}

/** Cost per kept clip from the raw rows of one model in one segment (tag or project), in micro-dollars. */
async function rawCostPerKept(model: string, by: 'tag' | 'project', segment: string): Promise<number> {
	const inSegment = by === 'tag' ? sql`${segment} = any(a.tags)` : sql`a.project = ${segment}`;
	const [r] = await rows<{ spend: string; kept: string }>(sql`
		select coalesce(sum(a.cost_micros), 0) as spend, count(*) filter (where a.verdict = 'keep') as kept
		from attempts a
		where a.workspace_id = ${ws} and a.model = ${model} and ${inSegment}
			and a.created_at >= ${filters.from!.toISOString()} and a.created_at < ${filters.to!.toISOString()}
			and (a.status = 'failed' or a.verdict <> 'pending')`);
	return Number(r.spend) / Number(r.kept);
}

describe('the demo data', () => {
	test('tries every current family of the catalog, each in at least three projects', async () => {
		const current = new Set(defaultCatalog.filter((m) => !m.retiredOn).map((m) => m.family));
		const found = await rows<{ family: string; projects: string }>(sql`
			select m.family, count(distinct a.project) as projects
			from attempts a join models m on m.workspace_id = a.workspace_id and m.model = a.model
			where a.workspace_id = ${ws} group by m.family`);
		expect(new Set(found.map((f) => f.family))).toEqual(current);
		for (const f of found) expect(Number(f.projects), f.family).toBeGreaterThanOrEqual(3);
		expect(seeded).toBeGreaterThan(1000);
		// All of it inside the pages' default range, whatever the time of day it was loaded.
		const [outside] = await rows<{ n: string }>(sql`
			select count(*) as n from attempts where workspace_id = ${ws} and created_at < ${filters.from!.toISOString()}`);
		expect(Number(outside.n)).toBe(0);
	});

	test("a family's advice turns with the scene type: premium on detail, base on calm shots", async () => {
		const pairs = await recommendations(database.db, ws, filters, { segmentsBy: 'tag' });
		const veo = pairs.find((p) => p.family === 'veo-3.1')!;
		// Over every scene type together, no clear case for the dearer tier...
		expect(veo.overall.recommendation).not.toBe('premium');
		// ...but on close-ups, fine texture and fast motion it pays for itself, and on no calm scene type.
		const { premium, base } = turns(veo);
		expect(premium).toEqual(expect.arrayContaining(['close-up', 'fine-texture', 'high-motion']));
		expect(base).toEqual(expect.arrayContaining(CALM));
		// No family's premium tier is advised on a calm scene type.
		for (const p of pairs)
			expect(
				turns(p).premium.filter((s) => CALM.includes(s)),
				p.family
			).toEqual([]);
		// From the raw rows: the premium tier's usable clip is cheaper on close-ups, dearer on landscapes.
		expect(await rawCostPerKept(veo.premium, 'tag', 'close-up')).toBeLessThan(
			await rawCostPerKept(veo.base, 'tag', 'close-up')
		);
		expect(await rawCostPerKept(veo.premium, 'tag', 'landscape')).toBeGreaterThan(
			await rawCostPerKept(veo.base, 'tag', 'landscape')
		);
	});

	test("the same family's advice turns with the project", async () => {
		const pairs = await recommendations(database.db, ws, filters, { segmentsBy: 'project' });
		const veo = pairs.find((p) => p.family === 'veo-3.1')!;
		const { premium, base } = turns(veo);
		expect(premium).toContain('lumen-watch-launch');
		expect(base).toContain('travel-social-loops');
		expect(await rawCostPerKept(veo.premium, 'project', 'lumen-watch-launch')).toBeLessThan(
			await rawCostPerKept(veo.base, 'project', 'lumen-watch-launch')
		);
		expect(await rawCostPerKept(veo.premium, 'project', 'travel-social-loops')).toBeGreaterThan(
			await rawCostPerKept(veo.base, 'project', 'travel-social-loops')
		);
	});

	test('every take with a clip links to one the app ships; failed ones link to none; some await review', async () => {
		const found = await rows<{ status: string; verdict: string; video_url: string | null }>(sql`
			select status, verdict, video_url from attempts where workspace_id = ${ws}`);
		expect(found.length).toBe(seeded);
		for (const a of found) {
			if (a.status === 'failed') expect(a.video_url).toBeNull();
			else expect(existsSync(`static${playableClipUrl(a.video_url)}`), a.video_url ?? '').toBe(true);
		}
		const pending = found.filter((a) => a.verdict === 'pending').length;
		expect(pending).toBeGreaterThanOrEqual(20);
		expect(pending).toBeLessThan(found.length / 10);
	});

	test('is the same on every load: same takes, verdicts, costs and reasons', async () => {
		const again = await freshWorkspace(database);
		expect((await seedDemo(database.db, again, now)).attempts).toBe(seeded);
		const digest = async (workspace: string) => {
			const [r] = await rows<{ digest: string }>(sql`
				select md5(string_agg(concat_ws('|', id, model, cost_micros, verdict, reject_reason, created_at,
					video_url), ',' order by id)) as digest
				from attempts where workspace_id = ${workspace}`);
			return r.digest;
		};
		expect(await digest(again)).toBe(await digest(ws));
	});

	test('rejected takes say why, in varied words; the premium tiers fail on detail less, on the brief more', async () => {
		const found = await rows<{ reason: string | null; premium: boolean }>(sql`
			select a.reject_reason as reason,
				m.tier = (select max(t.tier) from models t where t.workspace_id = m.workspace_id and t.family = m.family)
					as premium
			from attempts a join models m on m.workspace_id = a.workspace_id and m.model = a.model
			where a.workspace_id = ${ws} and a.verdict = 'reject' and a.status = 'succeeded'`);
		expect(found.every((r) => r.reason !== null)).toBe(true);
		expect(new Set(found.map((r) => r.reason)).size).toBeGreaterThanOrEqual(30);
		const category = new Map(
			Object.entries(PHRASES).flatMap(([c, phrases]) => phrases.map((p) => [p, c] as const))
		);
		const share = (premium: boolean, categories: string[]) => {
			const tier = found.filter((r) => r.premium === premium);
			return tier.filter((r) => categories.includes(category.get(r.reason!)!)).length / tier.length;
		};
		const detail = ['hands-anatomy', 'faces', 'motion-artefacts', 'flicker-temporal', 'text-logos'];
		expect(share(false, detail)).toBeGreaterThan(share(true, detail) + 0.15);
		expect(share(true, ['prompt-mismatch'])).toBeGreaterThan(share(false, ['prompt-mismatch']));
	});

	test('the default reject rules place every demo reason in the category it was written for', async () => {
		const placed = await rows<{ reason: string; category: string }>(sql`
			select distinct a.reject_reason as reason, a.reject_category as category
			from attempts a
			where a.workspace_id = ${ws} and a.verdict = 'reject' and a.status = 'succeeded'`);
		const intended = new Map(
			Object.entries(PHRASES).flatMap(([c, phrases]) => phrases.map((p) => [p, c] as const))
		);
		expect(placed.length).toBeGreaterThanOrEqual(30);
		const misplaced = placed.filter((r) => intended.get(r.reason) !== r.category);
		expect(misplaced).toEqual([]);
	});

	test('every take watched to a verdict took review time; the cheap tier spends more of it per usable close-up', async () => {
		const timed = await rows<{ watched: string; timed: string; others: string }>(sql`
			select count(*) filter (where a.status = 'succeeded' and a.verdict <> 'pending') as watched,
				count(a.review_seconds) filter (where a.status = 'succeeded' and a.verdict <> 'pending') as timed,
				count(a.review_seconds) filter (where a.status = 'failed' or a.verdict = 'pending') as others
			from attempts a where a.workspace_id = ${ws}`);
		expect(Number(timed[0].watched)).toBeGreaterThan(0);
		expect(timed[0].timed).toBe(timed[0].watched);
		expect(Number(timed[0].others)).toBe(0);
		const perKept = async (model: string) => {
			const [r] = await rows<{ seconds: string; kept: string }>(sql`
				select coalesce(sum(a.review_seconds), 0) as seconds, count(*) filter (where a.verdict = 'keep') as kept
				from attempts a
				where a.workspace_id = ${ws} and a.model = ${model} and 'close-up' = any(a.tags)
					and (a.status = 'failed' or a.verdict <> 'pending')`);
			return Number(r.seconds) / Number(r.kept);
		};
		const veo = (await recommendations(database.db, ws, filters)).find((p) => p.family === 'veo-3.1')!;
		expect(await perKept(veo.base)).toBeGreaterThan(2 * (await perKept(veo.premium)));
	});

	test("sets a labour rate, at which review time changes a pair's advice on the overview", async () => {
		const rate = await laborRate(database.db, ws);
		expect(rate).toBe(DEMO_LABOR_MICROS_PER_HOUR);
		const summary = await summaryByModel(database.db, ws, filters, { laborRate: rate });
		const flipped = summary.comparisons.filter((c) => c.allInRecommendation !== c.recommendation);
		expect(flipped.length).toBeGreaterThan(0);
		expect(labourFlipSentence(summary.comparisons, summary.models, microsToUsd(rate!))).toMatch(
			/^Counting review time at \$45\.00 an hour changes the advice/
		);
	});
});
