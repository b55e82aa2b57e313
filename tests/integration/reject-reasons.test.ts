// Why clips fail (docs/figures.md#why-clips-fail): reject reasons placed in categories by the workspace's
// rules in the writing statement, and the reject-reasons figures, which must add up to the summary's
// rejected + failed attempts and wasted spend, through rollups as from raw rows. PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import type { NewAttempt } from '../../src/lib/server/db/schema';
import { ingest } from '../../src/lib/server/ingest';
import { PLACE_IN_ONE_QUERY_FROM, placeRejects, type Placements } from '../../src/lib/server/ingest/place';
import { fold, rowsOf } from '../../src/lib/server/rollups/compact';
import { checkRollups } from '../../src/lib/server/rollups/maintain';
import { rejectReasons } from '../../src/lib/server/queries/reject-reasons';
import { summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import {
	recategorise,
	recategoriseBatch,
	recategorising,
	saveRejectRules
} from '../../src/lib/server/reasons/recategorise';
import { DEFAULT_REJECT_RULES, REJECT_CATEGORIES, RULE_CATEGORY_IDS } from '../../src/lib/reasons/categories';
import type { Filters } from '../../src/lib/schemas/filters';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
const now = new Date('2026-11-20T00:00:00Z');

beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database.close();
});

const take = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	project: 'spot',
	model: 'sora-2',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	...extra
});

async function categoriesOf(ws: string): Promise<Record<string, [string | null, string | null]>> {
	const rows = rowsOf(
		await database.db.execute(sql`select id, reject_category, reject_category_by from attempts
			where workspace_id = ${ws} order by id`)
	);
	return Object.fromEntries(
		rows.map((r) => [r.id, [r.reject_category, r.reject_category_by] as [string | null, string | null]])
	);
}

describe('reject categories', () => {
	test.each([
		['extra fingers on the left hand', 'hands-anatomy'],
		['Melted face in the last second', 'faces'],
		['warping background', 'motion-artefacts'],
		['FLICKER on the wall', 'flicker-temporal'],
		['jitter in the pan', 'flicker-temporal'],
		['garbled text on the sign', 'text-logos'],
		['wrong logo', 'text-logos'],
		["didn't follow prompt", 'prompt-mismatch'],
		['off-brief', 'prompt-mismatch'],
		['wrong camera move', 'camera'],
		['lip sync drifts', 'audio-sync'],
		['plastic skin texture', 'style'],
		['cup floating above the table', 'physics'],
		['a warm glow', 'other'],
		['meh', 'other']
	])('the default rules place "%s" in %s', async (reason, category) => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, take('a', { verdict: 'reject', rejectReason: reason }), now);
		expect((await categoriesOf(ws)).a[0]).toBe(category);
	});

	// The review queue suggests category names as reasons: each must land in its own category.
	test.each(REJECT_CATEGORIES.filter((c) => RULE_CATEGORY_IDS.includes(c.id) && c.id !== 'other'))(
		'the default rules place the name "$label" in $id',
		async ({ id, label }) => {
			const ws = await freshWorkspace(database);
			await ingest(database.db, ws, take('a', { verdict: 'reject', rejectReason: label }), now);
			expect((await categoriesOf(ws)).a[0]).toBe(id);
		}
	);

	test('failed, unspecified, kept and pending attempts; a verdict changed later moves the category', async () => {
		const ws = await freshWorkspace(database);
		await ingest(
			database.db,
			ws,
			{
				attempts: [
					take('f', { status: 'failed' }),
					take('u', { verdict: 'reject' }),
					take('k', { verdict: 'keep' }),
					take('p', { verdict: 'pending' }),
					take('o', { verdict: 'reject', rejectReason: 'meh' })
				]
			},
			now
		);
		expect(await categoriesOf(ws)).toEqual({
			f: ['failed', null],
			k: [null, null],
			o: ['other', 'queued'],
			p: [null, null],
			u: ['unspecified', null]
		});
		// A resend with a new verdict (as PATCH and the review queue write it): same statement, new category.
		await ingest(database.db, ws, take('p', { verdict: 'reject', rejectReason: 'extra fingers' }), now);
		await ingest(database.db, ws, take('o', { verdict: 'keep' }), now);
		const after = await categoriesOf(ws);
		expect(after.p).toEqual(['hands-anatomy', 'rules']);
		expect(after.o).toEqual([null, null]);
		expect(await checkRollups(database.db, ws)).toEqual([]);
	});

	// A batch places each distinct reason once (ingest/place.ts); one attempt per request is placed by the
	// row trigger. Both must store what keeprate_place_reject gives for each row.
	const reasons = [
		'extra fingers',
		'EXTRA FINGERS',
		'handheld wobble',
		'lip sync off',
		'meh',
		'Hand-held look',
		'morphing\u00a0hands',
		'\tflicker\n',
		'wrong product colour',
		'not on brief',
		'Gibberish sign',
		'a warm glow'
	];
	const mixed = (prefix: string) =>
		Array.from({ length: 60 }, (_, n) => {
			const id = `${prefix}${String(n).padStart(2, '0')}`;
			if (n % 9 === 4) return take(id, { status: 'failed' });
			const verdict = n % 7 === 3 ? 'keep' : n % 11 === 5 ? 'pending' : 'reject';
			const reason = verdict === 'reject' && n % 6 !== 1 ? { rejectReason: reasons[n % reasons.length] } : {};
			return take(id, { verdict, ...reason });
		});

	test('a batch stores the same categories as attempts sent one by one, with default and own rules', async () => {
		for (const rules of [
			undefined,
			[
				{ pattern: 'sync', category: 'physics' as const },
				{ pattern: 'glow', category: 'physics' as const }
			]
		]) {
			const ws = await freshWorkspace(database);
			if (rules) await saveRejectRules(database.db, ws, rules);
			await ingest(database.db, ws, { attempts: mixed('b') }, now);
			for (const one of mixed('s')) await ingest(database.db, ws, one, now);
			const stored = await categoriesOf(ws);
			const recomputed = rowsOf(
				await database.db.execute(sql`select a.id, p[1] as category, p[2] as placement
					from attempts as a join workspaces as w on w.id = a.workspace_id
					cross join lateral (select keeprate_place_reject(w.reject_rule_groups, a.reject_reason) as p) as x
					where a.workspace_id = ${ws} and a.status = 'succeeded' and a.verdict = 'reject'`)
			);
			expect(recomputed.length).toBeGreaterThan(30);
			for (const r of recomputed) expect(stored[String(r.id)]).toEqual([r.category, r.placement]);
			for (let n = 0; n < 60; n++) {
				const id = String(n).padStart(2, '0');
				expect(stored[`b${id}`]).toEqual(stored[`s${id}`]);
			}
			// Rules, their absence (other), no reason, a failure and no category at all were all compared.
			const categories = new Set(Object.values(stored).map((c) => c[0]));
			for (const c of ['other', 'unspecified', 'failed', null]) expect(categories).toContain(c);
			expect(categories.size).toBeGreaterThanOrEqual(rules ? 5 : 9);
			expect(await checkRollups(database.db, ws)).toEqual([]);
		}
	});

	test('a batch matches each distinct reason once, and leaves a few rows to the trigger', async () => {
		const ws = await freshWorkspace(database);
		const row = (reason: string | null, extra: Partial<NewAttempt> = {}) =>
			({
				workspaceId: ws,
				status: 'succeeded',
				verdict: 'reject',
				rejectReason: reason,
				...extra
			}) as NewAttempt;
		const few = [
			row('extra fingers'),
			row(null),
			row('meh', { verdict: 'keep' }),
			row('x', { status: 'failed' })
		];
		const placements: Placements = new Map();
		await placeRejects(database.db, few, placements);
		expect(placements.size).toBe(0);
		expect(few.map((r) => [r.rejectCategory, r.rejectCategoryBy])).toEqual([
			[null, null],
			['unspecified', null],
			[null, null],
			['failed', null]
		]);
		const many = Array.from({ length: PLACE_IN_ONE_QUERY_FROM }, (_, n) =>
			row(['extra fingers', 'meh', 'lip sync off'][n % 3])
		);
		await placeRejects(database.db, many, placements);
		expect(placements.size).toBe(3);
		expect(
			new Set(many.map((r) => `${r.rejectReason}: ${r.rejectCategory} by ${r.rejectCategoryBy}`))
		).toEqual(
			new Set([
				'extra fingers: hands-anatomy by rules',
				'meh: other by queued',
				'lip sync off: audio-sync by rules'
			])
		);
		// Known reasons are placed from then on, however few the rows.
		await placeRejects(database.db, few, placements);
		expect(few[0].rejectCategory).toBe('hands-anatomy');
	});

	test('a batch that meets a stored id is placed by the trigger, with the verdicts it ends with', async () => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, take('b05', { verdict: 'pending' }), now);
		// The COPY fails on b05, and the batch is stored by its transaction: b05's verdict is updated.
		const batch = mixed('b').map((a) =>
			a.id === 'b05' ? { ...a, verdict: 'reject', rejectReason: 'meh' } : a
		);
		expect(await ingest(database.db, ws, { attempts: batch }, now)).toEqual({
			accepted: 59,
			duplicates: 0,
			updated: 1
		});
		for (const one of mixed('s')) await ingest(database.db, ws, one, now);
		const stored = await categoriesOf(ws);
		expect(stored.b05).toEqual(['other', 'queued']);
		for (let n = 0; n < 60; n++) {
			const id = String(n).padStart(2, '0');
			if (id !== '05') expect(stored[`b${id}`]).toEqual(stored[`s${id}`]);
		}
		expect(await checkRollups(database.db, ws)).toEqual([]);
	});
});

// Two models, four projects' worth of tags, rejects with and without reasons, billed and free failures.
function seed() {
	const models = ['sora-2', 'sora-2-pro', 'house-model'];
	const reasons = [
		'extra fingers',
		'melted face',
		'flicker',
		null,
		'meh',
		'garbled text',
		'off-brief',
		'lip sync'
	];
	const out = [];
	for (let n = 0; n < 90; n++) {
		const model = models[n % 3];
		const verdict = n % 5 === 0 ? 'keep' : n % 7 === 0 ? 'pending' : 'reject';
		out.push(
			take(`s${n}`, {
				model,
				project: n % 4 === 0 ? 'launch' : 'spot',
				tags: n % 2 ? ['close-up'] : ['landscape', 'close-up'].slice(n % 3 ? 1 : 0),
				createdAt: new Date(Date.parse('2026-09-01T00:17:00Z') + n * 47 * 60_000).toISOString(),
				...(model === 'house-model' ? { costUsd: 0.125 + n / 1000 } : {}),
				...(n % 11 === 0
					? { status: 'failed', ...(n % 2 ? { costUsd: 0.3 } : { verdict: 'reject', reviewSeconds: 4.2 }) }
					: {
							verdict,
							...(verdict === 'reject' && reasons[n % 8] ? { rejectReason: reasons[n % 8] } : {}),
							// Review times with tenths, on every third take; a pending take's time counts nowhere.
							...(n % 3 ? { reviewSeconds: (n % 13) * 7.5 + 0.1 } : {})
						})
			})
		);
	}
	return out;
}

/** The same figures from raw rows, by plain SQL over the attempts table. */
async function rawReasons(ws: string, f: Filters) {
	const rows = rowsOf(
		await database.db.execute(sql`select model,
				case when status = 'failed' then 'failed' else reject_category end as category,
				count(*)::int as attempts, sum(cost_micros)::bigint as micros,
				coalesce(sum(review_seconds::numeric), 0)::text as review
			from attempts
			where workspace_id = ${ws} and (status = 'failed' or verdict = 'reject')
				and (${f.from?.toISOString() ?? null}::timestamptz is null or created_at >= ${f.from?.toISOString() ?? null}::timestamptz)
				and (${f.to?.toISOString() ?? null}::timestamptz is null or created_at < ${f.to?.toISOString() ?? null}::timestamptz)
				and (${f.project ?? null}::text is null or project = ${f.project ?? null}::text)
				and (${f.tag?.[0] ?? null}::text is null or ${f.tag?.[0] ?? null}::text = any(tags))
			group by 1, 2`)
	);
	return rows.map((r) => ({
		model: String(r.model),
		category: String(r.category),
		attempts: Number(r.attempts),
		micros: Number(r.micros),
		review: Number(r.review)
	}));
}

/** Review time of the kept attempts in scope, by plain SQL. */
async function rawKeptReview(ws: string, f: Filters) {
	const [row] = rowsOf(
		await database.db.execute(sql`select coalesce(sum(review_seconds::numeric), 0)::text as review
			from attempts
			where workspace_id = ${ws} and status = 'succeeded' and verdict = 'keep'
				and (${f.from?.toISOString() ?? null}::timestamptz is null or created_at >= ${f.from?.toISOString() ?? null}::timestamptz)
				and (${f.to?.toISOString() ?? null}::timestamptz is null or created_at < ${f.to?.toISOString() ?? null}::timestamptz)
				and (${f.project ?? null}::text is null or project = ${f.project ?? null}::text)
				and (${f.tag?.[0] ?? null}::text is null or ${f.tag?.[0] ?? null}::text = any(tags))`)
	);
	return Number(row.review);
}

/** $37.25 an hour, in micro-dollars: labour comes out fractional before rounding. */
const RATE = 37_250_000;

const scopes: Filters[] = [
	{},
	{ from: new Date('2026-09-01T05:30:00Z'), to: new Date('2026-09-03T11:45:00Z') },
	{ project: 'launch' },
	{ tag: ['landscape'], from: new Date('2026-09-01T13:00:00Z') }
];

describe('GET /api/v1/reject-reasons figures', () => {
	let ws: string;
	beforeAll(async () => {
		ws = await freshWorkspace(database);
		await ingest(database.db, ws, { attempts: seed() }, now);
	});

	test.each(scopes)(
		'add up to rejected + failed and to the wasted spend, per model and in total (%o)',
		async (f) => {
			const answer = await rejectReasons(database.db, ws, f);
			const { models, totals } = await summaryByModel(database.db, ws, f);
			const raw = await rawReasons(ws, f);
			const micros = (usd: number) => Math.round(usd * 1e6);
			// In total: every category against raw SQL, and the sums against the summary.
			expect(answer.reasons.map((r) => [r.category, r.attempts, micros(r.wastedSpendUsd)]).sort()).toEqual(
				[...new Set(raw.map((r) => r.category))]
					.map((c) => {
						const of = raw.filter((r) => r.category === c);
						return [c, of.reduce((n, r) => n + r.attempts, 0), of.reduce((n, r) => n + r.micros, 0)];
					})
					.sort()
			);
			const attempts = answer.reasons.reduce((n, r) => n + r.attempts, 0);
			expect(attempts).toBe(totals.decided - totals.kept);
			expect(attempts).toBe(models.reduce((n, m) => n + m.rejected + m.failed, 0));
			expect(answer.reasons.reduce((n, r) => n + micros(r.wastedSpendUsd), 0)).toBe(
				micros(totals.wastedSpendUsd)
			);
			expect(answer.reasons.reduce((n, r) => n + (r.share ?? 0), 0)).toBeCloseTo(attempts > 0 ? 1 : 0, 12);
			for (const r of answer.reasons) expect(r.share).toBe(r.attempts / attempts);
			// Per model.
			for (const m of models) {
				const mine = answer.models.find((a) => a.model === m.model)?.reasons ?? [];
				expect(mine.reduce((n, r) => n + r.attempts, 0)).toBe(m.rejected + m.failed);
				expect(mine.reduce((n, r) => n + micros(r.wastedSpendUsd), 0)).toBe(micros(m.wastedSpendUsd));
			}
			// Biggest wasted spend first.
			const spend = answer.reasons.map((r) => r.wastedSpendUsd);
			expect(spend).toEqual([...spend].sort((a, b) => b - a));
		}
	);

	test.each(scopes)(
		'review time and its labour per category equal raw SQL, and add up to the summary’s (%o)',
		async (f) => {
			const answer = await rejectReasons(database.db, ws, f, {}, RATE);
			const { models, totals } = await summaryByModel(database.db, ws, f, { laborRate: RATE });
			const raw = await rawReasons(ws, f);
			const categories = [...new Set(raw.map((r) => r.category))];
			expect(answer.reasons).toHaveLength(categories.length);
			for (const c of categories) {
				const of = raw.filter((r) => r.category === c);
				const seconds = of.reduce((n, r) => n + r.review, 0);
				const micros = of.reduce((n, r) => n + r.micros, 0);
				const figure = answer.reasons.find((r) => r.category === c)!;
				expect(figure.reviewSeconds).toBeCloseTo(seconds, 9);
				expect(figure.wastedLaborUsd).toBe(Math.round((seconds * RATE) / 3600) / 1e6);
				expect(figure.wastedAllInUsd).toBe(Math.round(micros + (seconds * RATE) / 3600) / 1e6);
			}
			// The categories' review time is the summary's, less that of the kept attempts.
			const wasted = answer.reasons.reduce((n, r) => n + r.reviewSeconds, 0);
			expect(wasted).toBeCloseTo(totals.reviewSeconds - (await rawKeptReview(ws, f)), 9);
			expect(wasted).toBeGreaterThan(0);
			for (const m of models) {
				const mine = answer.models.find((a) => a.model === m.model)?.reasons ?? [];
				const own = raw.filter((r) => r.model === m.model).reduce((n, r) => n + r.review, 0);
				expect(mine.reduce((n, r) => n + r.reviewSeconds, 0)).toBeCloseTo(own, 9);
			}
			// Without a rate, the time is given and its money is not.
			const bare = await rejectReasons(database.db, ws, f);
			expect(bare.reasons.map((r) => [r.reviewSeconds, r.wastedLaborUsd, r.wastedAllInUsd])).toEqual(
				answer.reasons.map((r) => [r.reviewSeconds, null, null])
			);
		}
	);

	test.each(scopes)('through rollups, folded or not, equal raw rows (%o)', async (f) => {
		expect(await rejectReasons(database.db, ws, f, {}, RATE)).toEqual(
			await rejectReasons(database.db, ws, f, { source: 'raw' }, RATE)
		);
		await fold(database.db, ws);
		expect(await rejectReasons(database.db, ws, f, {}, RATE)).toEqual(
			await rejectReasons(database.db, ws, f, { source: 'raw' }, RATE)
		);
	});

	test('a review time changed after the verdict moves its category’s review time, folded or not', async () => {
		const before = await rejectReasons(database.db, ws, {});
		const faces = (a: typeof before) => a.reasons.find((r) => r.category === 'faces')!.reviewSeconds;
		// s1 is a sora-2-pro reject, "melted face", sent with 7.6 s.
		await ingest(
			database.db,
			ws,
			take('s1', {
				model: 'sora-2-pro',
				project: 'spot',
				tags: ['close-up'],
				createdAt: new Date(Date.parse('2026-09-01T00:17:00Z') + 47 * 60_000).toISOString(),
				verdict: 'reject',
				rejectReason: 'melted face',
				reviewSeconds: 60
			}),
			now
		);
		const after = await rejectReasons(database.db, ws, {});
		expect(faces(after)).toBeCloseTo(faces(before) + 60 - 7.6, 9);
		expect(after).toEqual(await rejectReasons(database.db, ws, {}, { source: 'raw' }));
		await fold(database.db, ws);
		expect(await rejectReasons(database.db, ws, {})).toEqual(after);
		expect(await checkRollups(database.db, ws)).toEqual([]);
	});

	test('an empty scope answers empty lists', async () => {
		expect(await rejectReasons(database.db, ws, { project: 'nothing-here' })).toEqual({
			reasons: [],
			models: []
		});
	});
});

describe('changing the rules', () => {
	test('places every rejected attempt again in batches, keeps the model’s answers, and stays exact', async () => {
		const ws = await freshWorkspace(database);
		await ingest(database.db, ws, { attempts: seed() }, now);
		await database.db.execute(sql`update attempts set reject_category = 'faces', reject_category_by = 'llm'
			where workspace_id = ${ws} and reject_reason = 'meh'`);
		const before = await rejectReasons(database.db, ws, {});
		await saveRejectRules(database.db, ws, [
			{ pattern: 'flicker', category: 'physics' },
			...DEFAULT_REJECT_RULES.filter((r) => r.pattern !== 'finger')
		]);
		expect(await recategorising(database.db, ws)).toBe(true);
		// One batch of 5: the totals never move while the split changes.
		expect(await recategoriseBatch(database.db, ws, 5)).toBe(false);
		const during = await rejectReasons(database.db, ws, {});
		const total = (a: typeof before) => a.reasons.reduce((n, r) => n + r.attempts, 0);
		expect(total(during)).toBe(total(before));
		expect(await recategorise(database.db, ws)).toBe(true);
		expect(await recategorising(database.db, ws)).toBe(false);
		const cats = rowsOf(
			await database.db
				.execute(sql`select reject_reason, reject_category, reject_category_by, count(*)::int as n
				from attempts where workspace_id = ${ws} and verdict = 'reject' and status = 'succeeded'
				group by 1, 2, 3 order by 1`)
		);
		expect(cats).toEqual([
			{
				reject_reason: 'extra fingers',
				reject_category: 'other',
				reject_category_by: 'queued',
				n: expect.any(Number)
			},
			{
				reject_reason: 'flicker',
				reject_category: 'physics',
				reject_category_by: 'rules',
				n: expect.any(Number)
			},
			{
				reject_reason: 'garbled text',
				reject_category: 'text-logos',
				reject_category_by: 'rules',
				n: expect.any(Number)
			},
			{
				reject_reason: 'lip sync',
				reject_category: 'audio-sync',
				reject_category_by: 'rules',
				n: expect.any(Number)
			},
			{ reject_reason: 'meh', reject_category: 'faces', reject_category_by: 'llm', n: expect.any(Number) },
			{
				reject_reason: 'melted face',
				reject_category: 'faces',
				reject_category_by: 'rules',
				n: expect.any(Number)
			},
			{
				reject_reason: 'off-brief',
				reject_category: 'prompt-mismatch',
				reject_category_by: 'rules',
				n: expect.any(Number)
			},
			{ reject_reason: null, reject_category: 'unspecified', reject_category_by: null, n: expect.any(Number) }
		]);
		expect(total(await rejectReasons(database.db, ws, {}))).toBe(total(before));
		expect(await checkRollups(database.db, ws)).toEqual([]);
	});
});
