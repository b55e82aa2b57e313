// Property-based: whatever the writes (batches through the real ingest, resends, verdict updates by
// resend, PATCH and the review queue, re-pricing, re-tagging by SQL and by the tagger, and, beyond the
// app's own paths, deletes and rewrites by SQL) and whenever the rollups are folded (never, sometimes,
// after every command), every figure read from rollups equals the same figure computed from the raw
// attempts: by an independent count in JS (tests/setup/rollups-oracle.ts), and by the app's own plain
// GROUP BY ({ source: 'raw' }). Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
// To replay a failure: KEEPRATE_FC_SEED=<seed> KEEPRATE_FC_PATH=<path>, as fast-check reports them;
// KEEPRATE_FC_RUNS=<n> multiplies the runs for a longer search.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Db } from '../../src/lib/server/db/connection';
import { attempts, models, shots } from '../../src/lib/server/db/schema';
import { ApiError } from '../../src/lib/server/errors';
import { findAttempt, ingest, setVerdict } from '../../src/lib/server/ingest';
import { nextPending } from '../../src/lib/server/review';
import { addModel, addPrice, reprice } from '../../src/lib/server/catalog/editor';
import { runTagBatch } from '../../src/lib/server/tags/worker';
import type { Tagger } from '../../src/lib/server/tags/llm';
import { updateWorkspaceSettings } from '../../src/lib/server/workspaces';
import { fold, settleShots } from '../../src/lib/server/rollups/compact';
import { checkRollups, rebuildRollups } from '../../src/lib/server/rollups/maintain';
import type { ReadOptions } from '../../src/lib/server/rollups/read';
import { countsByModel, summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { countsByWeekAndModel } from '../../src/lib/server/queries/weekly-spend-by-model';
import { countsBySegment } from '../../src/lib/server/queries/segments';
import { recommendations } from '../../src/lib/server/queries/recommendations';
import { weeklyReview } from '../../src/lib/server/queries/weekly-review';
import { listProjects } from '../../src/lib/server/queries/projects';
import { retakeSinks, reviewBacklog } from '../../src/lib/server/queries/retake-sinks';
import { shotGroups } from '../../src/lib/server/queries/shots';
import { reasonCounts, rejectReasons } from '../../src/lib/server/queries/reject-reasons';
import { reasonFigures } from '../../src/lib/metrics/reasons';
import { DEFAULT_REJECT_RULES } from '../../src/lib/reasons/categories';
import { weeklyCsv, WEEKLY_COLUMNS } from '../../src/lib/server/export/weekly-csv';
import {
	addByModel,
	pairRecommendations,
	summarize,
	modelRow,
	type ModelCounts
} from '../../src/lib/metrics/summary';
import { shotStatsOfGroups } from '../../src/lib/metrics/shots';
import { addDays, isoWeekLabel } from '../../src/lib/metrics/weeks';
import { isoWeekRange, mondayOfIsoWeek, startOfDay } from '../../src/lib/metrics/time-zones';
import { csvRow, microsToDecimal } from '../../src/lib/csv';
import { DIMENSIONS, WHAT_IF_DIMENSIONS } from '../../src/lib/schemas/segments';
import type { Filters } from '../../src/lib/schemas/filters';
import { freshWorkspace, testDatabase } from '../setup/db';
import {
	bySegmentAndModel,
	isoMondayIn,
	oracleCounts,
	oracleReasonCounts,
	oracleShotGroups,
	oracleShotTable,
	SEGMENT_OF,
	sortShotGroups,
	type RawAttempt
} from '../setup/rollups-oracle';

let database: Database;
let db: Db;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
});
afterAll(async () => {
	await database.close();
});

// ---- The world the commands act on --------------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Five ISO weeks from Monday 2026-10-19 (UTC), across the end of daylight saving in New York (Nov 1). */
const WINDOW_START = Date.parse('2026-10-19T00:00:00Z');
const WINDOW = 35 * DAY;
/** The server's clock for ingestion and verdicts (createdAt must not be in the future of the real clock). */
const NOW = new Date('2026-12-01T00:00:00Z');
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham'];
const PROJECTS = ['alpha', 'beta', 'gamma'];

/** Models as sent: priced per exact size, priced for any size ('*'), an alias, and one outside the catalog. */
const SENT_MODELS = [
	{ sent: 'sora-2', sizes: ['1280x720', '720x1280'], book: 'exact' },
	{ sent: 'sora-2-2025-10-06', sizes: ['1280x720'], book: 'exact' },
	{ sent: 'sora-2-pro', sizes: ['1280x720', '1792x1024'], book: 'exact' },
	{ sent: 'gen4_turbo', sizes: ['1280x720', '960x960'], book: 'any' },
	{ sent: 'gen4_aleph', sizes: ['1280x720'], book: 'any' },
	{ sent: 'kling-v3.0-std', sizes: ['1920x1080'], book: 'any' },
	{ sent: 'kling-v3.0-pro', sizes: ['1920x1080'], book: 'any' },
	{ sent: 'house-model-x', sizes: ['1280x720'], book: 'none' }
] as const;
const STORED_MODELS = [
	'sora-2',
	'sora-2-pro',
	'gen4_turbo',
	'gen4_aleph',
	'kling-v3.0-std',
	'kling-v3.0-pro',
	'house-model-x'
];
/** Book prices a re-price may add to: (model, resolution) pairs the attempts above are priced by. */
const REPRICE_TARGETS = [
	{ model: 'sora-2', resolution: '1280x720' },
	{ model: 'sora-2-pro', resolution: '1280x720' },
	{ model: 'gen4_turbo', resolution: '*' },
	{ model: 'kling-v3.0-pro', resolution: '*' }
];
const TAGS = ['close-up', 'product', 'high-motion', 'landscape'];
// The same set in two orders: tag segments sum the rollups per stored list before splitting each into tags.
const TAG_LISTS = [
	[],
	['close-up'],
	['close-up', 'close-up'],
	['product', 'high-motion'],
	['high-motion', 'product'],
	[' Landscape ']
];
const PROMPTS = [
	'extreme close-up of a runner sprinting through a crowded street',
	'a silk dress in the wind',
	'a quiet empty room'
];
const REASONS = ['artifacts', 'wrong motion', 'off-brief', 'extra fingers', 'Garbled  TEXT', 'meh'];

/** Instants that cut buckets: UTC hours and days, and local midnights and Mondays in every zone. */
const EDGES = [
	...Array.from({ length: 36 }, (_, d) => WINDOW_START + d * DAY),
	...Array.from({ length: 36 }, (_, d) => WINDOW_START + d * DAY + 13 * HOUR),
	...ZONES.flatMap((zone) =>
		Array.from({ length: 6 }, (_, w) => localMidnight(WINDOW_START + w * 7 * DAY, zone))
	),
	...ZONES.flatMap((zone) => [localMidnight(WINDOW_START + 13 * DAY, zone)])
];

/** The instant the local day of `utcMidnight` (a UTC midnight) starts in the zone. */
function localMidnight(utcMidnight: number, zone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric'
	}).formatToParts(utcMidnight);
	const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
	const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - utcMidnight;
	return utcMidnight - offset;
}

/** A few instants where buckets, days and weeks end: attempts and ranges crowd around them. */
const HOT = [
	WINDOW_START + 7 * DAY, // Monday 00:00 UTC
	WINDOW_START + 9 * DAY + 14 * HOUR,
	WINDOW_START + 16 * DAY + 3 * HOUR,
	WINDOW_START + 30 * DAY + 21 * HOUR,
	localMidnight(WINDOW_START + 14 * DAY, 'America/New_York'), // the first Monday after DST ends
	localMidnight(WINDOW_START + 21 * DAY, 'Asia/Kathmandu'),
	localMidnight(WINDOW_START + 7 * DAY, 'Asia/Kolkata'),
	localMidnight(WINDOW_START + 28 * DAY, 'Pacific/Chatham')
];

const instant = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.integer({ min: 0, max: WINDOW / 1000 - 1 }).map((s) => WINDOW_START + s * 1000)
	},
	{ weight: 1, arbitrary: fc.integer({ min: 0, max: WINDOW - 1 }).map((ms) => WINDOW_START + ms) },
	{ weight: 1, arbitrary: fc.integer({ min: 0, max: 35 * 24 - 1 }).map((h) => WINDOW_START + h * HOUR) },
	{ weight: 1, arbitrary: fc.constantFrom(...EDGES) },
	{
		weight: 4,
		arbitrary: fc
			.tuple(fc.constantFrom(...HOT), fc.integer({ min: -30, max: 30 }))
			.map(([t, s]) => t + s * 1000)
	}
);

// ---- Commands -------------------------------------------------------------------------------------------

type Verdict = 'keep' | 'reject' | 'pending';

interface AttemptSpec {
	model: number;
	size: number | undefined;
	durationSeconds: number;
	costUsd: number | undefined;
	status: 'failed' | 'succeeded' | undefined;
	verdict: Verdict | undefined;
	reason: string | undefined;
	tags: string[] | undefined;
	prompt: string | undefined;
	shot: string | undefined;
	creator: string | undefined;
	generationSeconds: number | undefined;
	/** Sent only with a verdict (the contract asks for one). */
	reviewSeconds: number | undefined;
	project: string;
	at: number;
	/** A retake of the batch's previous take's shot, stamped with the same instant (ties go by id). */
	tie: boolean;
}

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const reviewSecondsArb = fc.constantFrom(0, 0.1, 12.5, 30, 95.25, 0.30000000000000004);
const verdictArb = fc.constantFrom<Verdict>('keep', 'reject', 'pending');

const attemptSpec: fc.Arbitrary<AttemptSpec> = fc.record({
	model: fc.nat({ max: SENT_MODELS.length - 1 }),
	size: maybe(fc.nat({ max: 1 })),
	durationSeconds: fc.constantFrom(4, 4.2, 5, 7.5, 8, 10, 12, 12.5, 0.35, 20.1),
	costUsd: maybe(fc.constantFrom(0, 0.1234567, 0.5, 1.25, 3.3333333)),
	status: fc.constantFrom<AttemptSpec['status']>(undefined, undefined, undefined, 'succeeded', 'failed'),
	verdict: maybe(verdictArb),
	reason: maybe(fc.constantFrom(...REASONS)),
	tags: maybe(fc.constantFrom(...TAG_LISTS)),
	prompt: maybe(fc.constantFrom(...PROMPTS)),
	shot: maybe(fc.constantFrom('s1', 's2', 's3', 's4')),
	creator: maybe(fc.constantFrom('ana', 'bo')),
	generationSeconds: maybe(fc.constantFrom(0, 30, 45.5, 61.3)),
	reviewSeconds: maybe(reviewSecondsArb),
	project: fc.constantFrom(...PROJECTS),
	at: instant,
	tie: fc.constantFrom(false, false, false, false, true)
});

type Command =
	| { kind: 'ingest'; attempts: AttemptSpec[]; again?: VerdictChange }
	| { kind: 'resend'; batch: number; changes: VerdictChange[] }
	| { kind: 'patch'; pick: number; verdict: Verdict; reason?: string; seconds?: number }
	| { kind: 'review'; project?: string; verdict: 'keep' | 'reject'; reason?: string; seconds?: number }
	| { kind: 'undo-review'; pick: number }
	| { kind: 'reprice'; target: number; microsPerSecond: number; effectiveFrom: number }
	| { kind: 'retag'; picks: number[]; tags: string[] }
	| { kind: 'delete'; picks: number[] }
	| { kind: 'rewrite'; picks: number[]; at: number; durationSeconds: number; creator?: string }
	| { kind: 'tagger'; tags: string[]; answerEvery: number }
	| { kind: 'catalog' }
	| { kind: 'fold'; scope: 'all' | 'workspace' }
	| { kind: 'check'; filters: Filters };

interface VerdictChange {
	index: number;
	verdict: Verdict;
	reason?: string;
	/** The review time sent with the verdict; absent leaves the stored one. */
	seconds?: number;
}

const verdictChange: fc.Arbitrary<VerdictChange> = fc.record(
	{
		index: fc.nat(),
		verdict: verdictArb,
		reason: fc.constantFrom(...REASONS),
		seconds: reviewSecondsArb
	},
	{ requiredKeys: ['index', 'verdict'] }
);

/** Present with probability 1 / (1 + absent). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, absent: number) =>
	fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const filtersArb: fc.Arbitrary<Filters> = fc
	.record({
		from: sometimes(instant, 1),
		to: sometimes(instant, 1),
		project: sometimes(fc.constantFrom(...PROJECTS, 'nobody'), 3),
		model: sometimes(fc.constantFrom(...STORED_MODELS, 'veo-3.1-generate-preview'), 3),
		tag: sometimes(fc.array(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 2 }), 4)
	})
	.map(({ from, to, ...rest }) => {
		const f: Filters = {};
		for (const [key, value] of Object.entries(rest))
			if (value !== undefined) Object.assign(f, { [key]: value });
		if (from !== undefined) f.from = new Date(from);
		if (to !== undefined && (from === undefined || to > from)) f.to = new Date(to);
		else if (to !== undefined && to < from!) [f.from, f.to] = [new Date(to), new Date(from!)];
		return f;
	});

const ingestCommand = fc.record(
	{
		kind: fc.constant('ingest' as const),
		attempts: fc.array(attemptSpec, { minLength: 1, maxLength: 30, size: 'max' }),
		again: verdictChange
	},
	{ requiredKeys: ['kind', 'attempts'] }
);

const command: fc.Arbitrary<Command> = fc.oneof(
	{ weight: 4, arbitrary: ingestCommand },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('resend' as const),
			batch: fc.nat(),
			changes: fc.array(verdictChange, { maxLength: 4 })
		})
	},
	{
		weight: 2,
		arbitrary: fc.record(
			{
				kind: fc.constant('patch' as const),
				pick: fc.nat(),
				verdict: verdictArb,
				reason: fc.constantFrom(...REASONS),
				seconds: reviewSecondsArb
			},
			{ requiredKeys: ['kind', 'pick', 'verdict'] }
		)
	},
	{
		weight: 2,
		arbitrary: fc.record(
			{
				kind: fc.constant('review' as const),
				project: fc.constantFrom(...PROJECTS),
				verdict: fc.constantFrom<'keep' | 'reject'>('keep', 'reject'),
				reason: fc.constantFrom(...REASONS),
				seconds: reviewSecondsArb
			},
			{ requiredKeys: ['kind', 'verdict'] }
		)
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('undo-review' as const), pick: fc.nat() }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('reprice' as const),
			target: fc.nat({ max: REPRICE_TARGETS.length - 1 }),
			microsPerSecond: fc.integer({ min: 1, max: 700_000 }),
			effectiveFrom: instant
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('retag' as const),
			picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
			tags: fc.constantFrom(...TAG_LISTS.map((l) => l.map((t) => t.trim().toLowerCase())))
		})
	},
	{
		weight: 1,
		arbitrary: fc.record(
			{
				kind: fc.constant('rewrite' as const),
				picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
				at: instant,
				durationSeconds: fc.constantFrom(3, 8.5, 12, 13),
				creator: fc.constantFrom('ana', 'cy')
			},
			{ requiredKeys: ['kind', 'picks', 'at', 'durationSeconds'] }
		)
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('delete' as const),
			picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('tagger' as const),
			tags: fc.constantFrom<string[]>(['landscape'], ['product', 'close-up'], []),
			answerEvery: fc.integer({ min: 1, max: 3 })
		})
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'catalog' as const }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('fold' as const),
			scope: fc.constantFrom<'all' | 'workspace'>('all', 'workspace')
		})
	}
);

interface Scenario {
	zone: string;
	/** never: reads always add unfolded deltas; always: fold after every command; random: where drawn. */
	folds: 'never' | 'random' | 'always';
	commands: Command[];
	filters: Filters[];
	week: number;
	weekProject: string | undefined;
	whatIf: (typeof WHAT_IF_DIMENSIONS)[number];
	/** The models a segment read asks for (all when absent), as recommendations ask for a pair's. */
	models: string[] | undefined;
}

const scenario = (withChecks: boolean): fc.Arbitrary<Scenario> =>
	fc.record({
		zone: fc.constantFrom(...ZONES),
		folds: fc.constantFrom<Scenario['folds']>('never', 'random', 'always'),
		commands: fc
			.tuple(
				ingestCommand,
				fc.array(
					withChecks
						? fc.oneof(
								{ weight: 8, arbitrary: command },
								{
									weight: 1,
									arbitrary: filtersArb.map((filters) => ({ kind: 'check' as const, filters }))
								}
							)
						: command,
					{ maxLength: 7 }
				)
			)
			.map(([first, rest]) => [first, ...rest]),
		filters: fc.array(filtersArb, { minLength: 2, maxLength: 3 }),
		week: fc.integer({ min: -1, max: 5 }),
		weekProject: maybe(fc.constantFrom(...PROJECTS)),
		whatIf: fc.constantFrom(...WHAT_IF_DIMENSIONS),
		models: maybe(fc.subarray(STORED_MODELS, { minLength: 1 }))
	});

// ---- Replaying a scenario -------------------------------------------------------------------------------

/** An attempt as a client sends it, made valid: priced, no kept failure, a reject reason only on a reject. */
function bodyOf(spec: AttemptSpec, id: string): Record<string, unknown> {
	const m = SENT_MODELS[spec.model];
	let resolution = spec.size === undefined ? undefined : m.sizes[spec.size % m.sizes.length];
	let costUsd = spec.costUsd;
	if (m.book === 'none' && costUsd === undefined) costUsd = 0.42;
	if (m.book === 'exact' && resolution === undefined && costUsd === undefined) resolution = m.sizes[0];
	const verdict = spec.status === 'failed' && spec.verdict === 'keep' ? 'reject' : spec.verdict;
	const body: Record<string, unknown> = {
		id,
		project: spec.project,
		model: m.sent,
		durationSeconds: spec.durationSeconds,
		resolution,
		costUsd,
		status: spec.status,
		verdict,
		rejectReason: verdict === 'reject' ? spec.reason : undefined,
		reviewSeconds: verdict === undefined ? undefined : spec.reviewSeconds,
		createdAt: new Date(spec.at).toISOString(),
		shotId: spec.shot,
		tags: spec.tags,
		prompt: spec.prompt,
		generationSeconds: spec.generationSeconds,
		creator: spec.creator
	};
	for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
	return body;
}

/** The same attempt with another verdict (still valid), as a resend that updates it. */
function withVerdict(
	body: Record<string, unknown>,
	{ verdict, reason, seconds }: Omit<VerdictChange, 'index'>
) {
	const v = body.status === 'failed' && verdict === 'keep' ? 'reject' : verdict;
	const { rejectReason: _, reviewSeconds: __, ...rest } = body;
	return {
		...rest,
		verdict: v,
		...(v === 'reject' && reason ? { rejectReason: reason } : {}),
		...(seconds === undefined ? {} : { reviewSeconds: seconds })
	};
}

interface World {
	ws: string;
	batches: Record<string, unknown>[][];
	/** Every id ever sent, and those deleted since (a resend stores them again). */
	ids: string[];
	deleted: Set<string>;
}

const live = (world: World) => world.ids.filter((id) => !world.deleted.has(id));

const pick = <T>(list: T[], n: number): T | undefined =>
	list.length === 0 ? undefined : list[n % list.length];

/** A tagger standing in for the model: answers every `answerEvery`-th prompt with `tags`. */
const fakeTagger = (tags: string[], answerEvery: number): Tagger => ({
	tag: async (prompts) =>
		new Map(prompts.filter((_, i) => i % answerEvery === 0).map((p) => [p.id, tags])) as Awaited<
			ReturnType<Tagger['tag']>
		>
});

async function run(world: World, c: Command, check: (f: Filters) => Promise<void>): Promise<void> {
	const { ws } = world;
	switch (c.kind) {
		case 'ingest': {
			const specs = [...c.attempts];
			for (let i = 1; i < specs.length; i++) {
				if (specs[i].tie) specs[i] = { ...specs[i], at: specs[i - 1].at, shot: specs[i - 1].shot ?? 's1' };
			}
			const first = world.ids.length + 1;
			const bodies = specs.map((spec, i) => bodyOf(spec, `a${String(first + i).padStart(4, '0')}`));
			bodies.forEach((b) => world.ids.push(String(b.id)));
			if (c.again) {
				const repeated = bodies[c.again.index % bodies.length];
				bodies.push(withVerdict(repeated, c.again));
			}
			const result = await ingest(db, ws, { attempts: bodies }, NOW);
			expect(result.accepted).toBe(c.attempts.length);
			world.batches.push(bodies);
			return;
		}
		case 'resend': {
			const batch = pick(world.batches, c.batch)!;
			const bodies = batch.map((b) => ({ ...b }));
			for (const change of c.changes) {
				const i = change.index % bodies.length;
				bodies[i] = withVerdict(bodies[i], change);
			}
			const back = new Set(bodies.map((b) => String(b.id)).filter((id) => world.deleted.has(id)));
			const result = await ingest(db, ws, { attempts: bodies }, NOW);
			expect(result.accepted).toBe(back.size);
			back.forEach((id) => world.deleted.delete(id));
			return;
		}
		case 'patch': {
			// PATCH /api/v1/attempts/{id}: a failed attempt cannot be kept (400), anything else applies.
			const id = pick(live(world), c.pick);
			if (!id) return;
			const patch = {
				verdict: c.verdict,
				...(c.verdict === 'reject' && c.reason ? { rejectReason: c.reason } : {}),
				...(c.seconds === undefined ? {} : { reviewSeconds: c.seconds })
			};
			const outcome = await setVerdict(db, ws, id, patch, NOW, 'key:property').catch((e: unknown) => e);
			if (outcome instanceof ApiError) {
				expect(outcome.status).toBe(400);
				expect((await findAttempt(db, ws, id))?.status).toBe('failed');
			} else if (outcome instanceof Error) throw outcome;
			return;
		}
		case 'review': {
			// The review queue's verdict action: the oldest pending take, kept or rejected (with a reason).
			const { attempt } = await nextPending(db, ws, c.project);
			if (!attempt) return;
			const current = await findAttempt(db, ws, attempt.id);
			expect(current).toMatchObject({ status: 'succeeded', verdict: 'pending' });
			const verdict = c.reason ? 'reject' : c.verdict;
			const patch = { verdict, rejectReason: c.reason, addReviewSeconds: c.seconds };
			await setVerdict(db, ws, attempt.id, patch, NOW, 'user:property');
			return;
		}
		case 'undo-review': {
			// The review queue's undo: back to pending, only a verdict this reviewer gave.
			const reviewed = await db
				.select({ id: attempts.id })
				.from(attempts)
				.where(
					and(
						eq(attempts.workspaceId, ws),
						eq(attempts.verdictBy, 'user:property'),
						ne(attempts.verdict, 'pending')
					)
				)
				.orderBy(attempts.id);
			const id = pick(reviewed, c.pick)?.id;
			if (id) await setVerdict(db, ws, id, { verdict: 'pending' }, NOW, null);
			return;
		}
		case 'reprice': {
			const target = REPRICE_TARGETS[c.target];
			await addPrice(db, ws, {
				...target,
				microsPerSecond: c.microsPerSecond,
				effectiveFrom: new Date(c.effectiveFrom),
				source: 'property test'
			});
			await reprice(db, ws, true);
			return;
		}
		case 'retag': {
			// As the background tagger writes tags: an UPDATE of attempts' tags, here on any attempts.
			const ids = [...new Set(c.picks.map((p) => pick(world.ids, p)!))];
			const literal = (list: string[]) => `{${list.map((x) => `"${x}"`).join(',')}}`;
			await db.execute(sql`update ${attempts} set tags = ${literal(c.tags)}::text[]
				where workspace_id = ${ws} and id = any(${literal(ids)}::text[])`);
			return;
		}
		case 'delete': {
			// Not a path of the app (attempts are never deleted by it), but the triggers answer deletes too.
			const ids = [...new Set(c.picks.map((p) => pick(live(world), p)).filter((id) => id !== undefined))];
			if (ids.length === 0) return;
			await db.execute(sql`delete from ${attempts}
				where workspace_id = ${ws} and id = any(${`{${ids.join(',')}}`}::text[])`);
			ids.forEach((id) => world.deleted.add(id));
			return;
		}
		case 'rewrite': {
			// Not a path of the app either: an operator's fix of when, how long and by whom (other buckets).
			const ids = [...new Set(c.picks.map((p) => pick(world.ids, p)!))];
			await db.execute(sql`update ${attempts}
				set created_at = ${new Date(c.at).toISOString()}::timestamptz,
					duration_seconds = ${c.durationSeconds}, creator = ${c.creator ?? null}
				where workspace_id = ${ws} and id = any(${`{${ids.join(',')}}`}::text[])`);
			return;
		}
		case 'tagger': {
			await runTagBatch(db, fakeTagger(c.tags, c.answerEvery), 50, { workspaceId: ws });
			return;
		}
		case 'catalog': {
			// The model outside the catalog joins the sora-2 family as its top tier: read at query time.
			await addModel(db, ws, {
				model: 'house-model-x',
				family: 'sora-2',
				tier: 2,
				displayName: 'House X',
				provider: 'In house',
				failedAttemptsBilled: false
			});
			return;
		}
		case 'fold': {
			await fold(db, c.scope === 'workspace' ? ws : undefined);
			return;
		}
		case 'check': {
			await check(c.filters);
			return;
		}
	}
}

/** A fresh workspace in the scenario's zone, with every command replayed and folds as drawn. */
async function replay(s: Scenario, check: (ws: string, f: Filters) => Promise<void> = async () => {}) {
	const ws = await freshWorkspace(database);
	if (s.zone !== 'UTC') await updateWorkspaceSettings(db, ws, { timeZone: s.zone });
	const world: World = { ws, batches: [], ids: [], deleted: new Set() };
	for (const c of s.commands) {
		if (c.kind === 'fold' && s.folds === 'never') continue;
		await run(world, c, (f) => check(ws, f));
		if (s.folds === 'always') await fold(db, ws);
	}
	return ws;
}

// ---- Reading and comparing ------------------------------------------------------------------------------

/** $37.25 an hour, an odd rate: labour figures come out fractional before rounding. */
const LABOR_RATE = 37_250_000;

/** Figures derived from seconds: summed as exact decimals by SQL, as floats by JS; equal to 12 digits. */
const SECOND_FIGURES = new Set([
	'keptSeconds',
	'reviewSeconds',
	'generationSeconds',
	'costPerKeptSecondUsd',
	'meanGenerationSeconds',
	'secondsToUsableClip'
]);

/** A deep copy with seconds-derived figures rounded to 12 significant digits; every other value as is. */
function settled(value: unknown, key = ''): unknown {
	if (typeof value === 'number' && SECOND_FIGURES.has(key)) return Number(value.toPrecision(12));
	if (Array.isArray(value)) return value.map((v) => settled(v, key));
	if (value instanceof Date) return value.toISOString();
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settled(v, k)]));
	return value;
}

async function rawRows(ws: string): Promise<RawAttempt[]> {
	return db.select().from(attempts).where(eq(attempts.workspaceId, ws));
}

async function catalogOf(ws: string) {
	return db
		.select({
			model: models.model,
			family: models.family,
			tier: models.tier,
			displayName: models.displayName
		})
		.from(models)
		.where(eq(models.workspaceId, ws));
}

const sorted = <T extends { model: string; segment?: string }>(rows: T[]) =>
	[...rows].sort(bySegmentAndModel);

/** summaryByModel, countsByModel, the weekly counts and the shots equal the oracle's, for one filter set. */
async function expectOracleFigures(ws: string, f: Filters, zone: string) {
	const [rows, catalog] = await Promise.all([rawRows(ws), catalogOf(ws)]);
	const expected = oracleCounts(rows, f, catalog).map(({ segment: _, ...counts }) => counts);
	expect(settled(sorted(await countsByModel(db, ws, f)))).toEqual(settled(expected));
	expect(settled(await summaryByModel(db, ws, f))).toEqual(settled(summarize(expected)));
	// Review labour priced at a rate: the same all-in figures as the oracle's sums give.
	expect(settled(await summaryByModel(db, ws, f, { laborRate: LABOR_RATE }))).toEqual(
		settled(summarize(expected, LABOR_RATE))
	);

	const weeks = oracleCounts(rows, f, catalog, (a) => isoMondayIn(a.createdAt, zone));
	expect(settled(sorted(await countsByWeekAndModel(db, ws, f, zone)))).toEqual(settled(weeks));

	// Why clips fail: categories placed by the default rules, counted in JS from raw rows; their review
	// time priced at a rate too.
	const reasons = oracleReasonCounts(rows, f, DEFAULT_REJECT_RULES);
	expect(settled(await rejectReasons(db, ws, f))).toEqual(settled(reasonFigures(reasons)));
	expect(settled(await rejectReasons(db, ws, f, {}, LABOR_RATE))).toEqual(
		settled(reasonFigures(reasons, LABOR_RATE))
	);

	const groups = oracleShotGroups(rows, f);
	expect(sortShotGroups(await shotGroups(db, ws, f))).toEqual(groups);
	expect(settled(shotStatsOfGroups(await shotGroups(db, ws, f)))).toEqual(settled(shotStatsOfGroups(groups)));
	expect(settled(shotStatsOfGroups(await shotGroups(db, ws, f), LABOR_RATE))).toEqual(
		settled(shotStatsOfGroups(groups, LABOR_RATE))
	);
}

/** countsBySegment, for every dimension and the scenario's models, equals the oracle's. */
async function expectOracleSegments(ws: string, f: Filters, models: string[] | undefined) {
	const [rows, catalog] = await Promise.all([rawRows(ws), catalogOf(ws)]);
	const asked = models ? rows.filter((a) => models.includes(a.model)) : rows;
	for (const dimension of DIMENSIONS) {
		const expected = oracleCounts(asked, f, catalog, SEGMENT_OF[dimension]);
		const read = await countsBySegment(db, ws, f, dimension, models);
		expect(settled(sorted(read)), dimension).toEqual(settled(expected));
	}
}

/** The shots table, once the compactor has settled every changed shot: one row per shot. */
async function settledShots(ws: string) {
	await settleShots(db, ws);
	const stored = await db
		.select({
			shotId: shots.shotId,
			project: shots.project,
			model: shots.model,
			tags: shots.tags,
			firstAt: shots.firstAt,
			takes: shots.takes,
			takesToFirstKeep: shots.takesToFirstKeep,
			costToFirstKeepMicros: shots.costToFirstKeepMicros,
			spendMicros: shots.spendMicros,
			pendingTakes: shots.pendingTakes,
			reviewSeconds: shots.reviewSeconds
		})
		.from(shots)
		.where(eq(shots.workspaceId, ws));
	return stored
		.map((s) => ({ ...s, reviewSeconds: Number(s.reviewSeconds) }))
		.sort((a, b) => (a.shotId < b.shotId ? -1 : 1));
}

/** The weekly CSV as weeklyCsv writes it, from counts read raw. */
function csvOf(rows: (ModelCounts & { segment: string })[], rate: number | null = null): string {
	const lines = rows.map((c) => {
		const r = modelRow(c, rate);
		return csvRow([
			isoWeekLabel(c.segment),
			c.segment,
			r.model,
			r.family,
			r.attempts,
			r.kept,
			r.rejected,
			r.failed,
			r.pending,
			microsToDecimal(c.spendMicros),
			microsToDecimal(c.decidedSpendMicros),
			microsToDecimal(c.decidedSpendMicros - c.keptSpendMicros),
			r.keepRate,
			r.costPerAttemptUsd?.toFixed(6),
			r.costPerKeptClipUsd?.toFixed(6),
			r.keptSeconds,
			r.costPerKeptSecondUsd?.toFixed(6),
			r.reviewSeconds,
			r.laborUsd?.toFixed(6),
			r.allInSpendUsd?.toFixed(6),
			r.allInCostPerKeptClipUsd?.toFixed(6)
		]);
	});
	return csvRow(WEEKLY_COLUMNS) + lines.join('');
}

const RAW: ReadOptions = { source: 'raw' };

const same = async <T>(read: (options: ReadOptions) => Promise<T>) => {
	const [fromRollups, fromRaw] = [await read({}), await read(RAW)];
	expect(fromRollups).toEqual(fromRaw);
};

/** Every read a page makes over a filter set, from rollups and from raw attempts: deep-equal, seconds too. */
async function expectRollupsEqualRaw(ws: string, f: Filters, s: Scenario) {
	await same((o) => countsByModel(db, ws, f, o));
	await same((o) => summaryByModel(db, ws, f, o));
	await same((o) => summaryByModel(db, ws, f, { ...o, laborRate: LABOR_RATE }));
	await same((o) => countsByWeekAndModel(db, ws, f, s.zone, o));
	for (const dimension of DIMENSIONS) {
		await same((o) => countsBySegment(db, ws, f, dimension, s.models, o));
	}
	for (const segmentsBy of DIMENSIONS) {
		await same((o) => recommendations(db, ws, f, { whatIf: s.whatIf, segmentsBy, ...o }));
	}
	// With review labour priced: the all-in advice of every listed segment and the all-in what-if.
	await same((o) => recommendations(db, ws, f, { whatIf: s.whatIf, laborRate: LABOR_RATE, ...o }));
	await same((o) => retakeSinks(db, ws, f, 'project', 5, o));
	await same((o) => retakeSinks(db, ws, f, 'tag', 5, o));
	await same((o) => reviewBacklog(db, ws, f, o));
	await same(async (o) => sortShotGroups(await shotGroups(db, ws, f, o)));
	await same((o) => rejectReasons(db, ws, f, o));
	await same((o) => rejectReasons(db, ws, f, o, LABOR_RATE));
	await same((o) => reasonCounts(db, ws, f, 'tag', o));
	const csv = await weeklyCsv(db, ws, f, s.zone);
	expect(csv).toBe(csvOf(await countsByWeekAndModel(db, ws, f, s.zone, RAW)));
	const priced = await weeklyCsv(db, ws, f, s.zone, LABOR_RATE);
	expect(priced).toBe(csvOf(await countsByWeekAndModel(db, ws, f, s.zone, RAW), LABOR_RATE));
}

/** The reads that take no filter set, and the advice for every what-if dimension over all attempts. */
async function expectWorkspaceReadsEqualRaw(ws: string, s: Scenario) {
	await same((o) => listProjects(db, ws, o));
	const week = isoWeekLabel(new Date(WINDOW_START + s.week * 7 * DAY).toISOString().slice(0, 10));
	await same((o) => weeklyReview(db, ws, week, s.weekProject, NOW, o));
	// The page hands the review its charts' eight weeks (from rollups): the same review as one that reads
	// its two weeks itself, from raw rows.
	const monday = mondayOfIsoWeek(week)!;
	const weeks = countsByWeekAndModel(
		db,
		ws,
		{
			project: s.weekProject,
			from: startOfDay(addDays(monday, -7 * 7), s.zone),
			to: startOfDay(addDays(monday, 7), s.zone)
		},
		s.zone
	);
	expect(await weeklyReview(db, ws, week, s.weekProject, NOW, { weeks })).toEqual(
		await weeklyReview(db, ws, week, s.weekProject, NOW, RAW)
	);
	// The review's advice up to the week's end is read as up to its start plus the week: the same counts
	// and micro-dollars as one read up to its end, from raw rows, so the same advice. The seconds are sums
	// of decimals, added as doubles: equal to their last bits only.
	const { from, to } = isoWeekRange(week, s.zone)!;
	const scope = { project: s.weekProject };
	const byModel = (c: ModelCounts[]) => [...c].sort((a, b) => a.model.localeCompare(b.model));
	const added = byModel(
		addByModel(
			await countsByModel(db, ws, { ...scope, to: from }, RAW),
			await countsByModel(db, ws, { ...scope, from, to }, RAW)
		)
	);
	const whole = byModel(await countsByModel(db, ws, { ...scope, to }, RAW));
	const SECONDS = ['keptSeconds', 'generationSeconds', 'reviewSeconds'] as const;
	const withoutSeconds = (c: ModelCounts) => ({
		...c,
		keptSeconds: 0,
		generationSeconds: 0,
		reviewSeconds: 0
	});
	expect(added.map(withoutSeconds)).toEqual(whole.map(withoutSeconds));
	added.forEach((c, i) => {
		for (const key of SECONDS)
			expect(Math.abs(c[key] - whole[i][key])).toBeLessThanOrEqual(1e-9 * (1 + whole[i][key]));
	});
	expect(pairRecommendations(added)).toEqual(pairRecommendations(whole));
	for (const whatIf of WHAT_IF_DIMENSIONS) await same((o) => recommendations(db, ws, {}, { whatIf, ...o }));
	for (const zone of ZONES) await same((o) => countsByWeekAndModel(db, ws, {}, zone, o));
}

// ---- The properties ---------------------------------------------------------------------------------------

const seed = process.env.KEEPRATE_FC_SEED ? Number(process.env.KEEPRATE_FC_SEED) : undefined;
const path = process.env.KEEPRATE_FC_PATH;
/** KEEPRATE_FC_RUNS=10 runs each property ten times as often (a longer search, not for every run). */
const scale = Number(process.env.KEEPRATE_FC_RUNS ?? 1);
const params = (numRuns: number): fc.Parameters<[Scenario]> => ({
	numRuns: Math.round(numRuns * scale),
	...(seed === undefined ? {} : { seed, path }),
	// Shrinking a failure replays scenarios on fresh workspaces: stop it (and report) after 80 s.
	// A slow machine that reaches the limit without a failure passes with fewer runs.
	interruptAfterTimeLimit: 80_000 * scale
});

describe('rollups are exact', () => {
	test(
		'every figure from rollups equals a plain count of the raw attempts, whatever the writes and folds',
		async () => {
			await fc.assert(
				fc.asyncProperty(scenario(true), async (s) => {
					const ws = await replay(s, (ws, f) => expectOracleFigures(ws, f, s.zone));
					for (const f of [{}, ...s.filters]) await expectOracleFigures(ws, f, s.zone);
					expect(await settledShots(ws)).toEqual(oracleShotTable(await rawRows(ws)));
				}),
				params(20)
			);
		},
		180_000 * scale
	);

	test(
		'every segment (tag, resolution, duration, creator, project) counts exactly its raw attempts',
		async () => {
			await fc.assert(
				fc.asyncProperty(scenario(false), async (s) => {
					const ws = await replay(s);
					for (const f of [{}, ...s.filters]) await expectOracleSegments(ws, f, s.models);
				}),
				params(10)
			);
		},
		180_000 * scale
	);

	test(
		'every page reads the same figures from rollups as from raw attempts, in any time zone',
		async () => {
			await fc.assert(
				fc.asyncProperty(scenario(false), async (s) => {
					const ws = await replay(s);
					await expectWorkspaceReadsEqualRaw(ws, s);
					for (const f of [{}, ...s.filters]) await expectRollupsEqualRaw(ws, f, s);
				}),
				params(12)
			);
		},
		180_000 * scale
	);

	test(
		'a rollup check finds no drift, and a rebuild from raw attempts changes no figure',
		async () => {
			await fc.assert(
				fc.asyncProperty(scenario(false), async (s) => {
					const ws = await replay(s);
					const figures = async () => {
						const out: unknown[] = [];
						for (const f of [{}, ...s.filters]) {
							out.push(
								await summaryByModel(db, ws, f),
								await countsByWeekAndModel(db, ws, f, s.zone),
								await countsBySegment(db, ws, f, 'tag'),
								await countsBySegment(db, ws, f, 'creator'),
								sortShotGroups(await shotGroups(db, ws, f)),
								await rejectReasons(db, ws, f),
								await reasonCounts(db, ws, f, 'tag')
							);
						}
						return [...out, await settledShots(ws)];
					};
					const before = await figures();
					expect(await checkRollups(db, ws)).toEqual([]);
					await rebuildRollups(db, ws);
					expect(await figures()).toEqual(before);
					expect(await checkRollups(db, ws)).toEqual([]);
				}),
				params(10)
			);
		},
		180_000 * scale
	);
});
