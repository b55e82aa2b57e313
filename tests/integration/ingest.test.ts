// Ingestion on a real database: atomic batches, idempotency by id, late verdicts, conflicts, pricing.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { attempts, modelAliases, prices, projects, workspaces } from '../../src/lib/server/db/schema';
import { ApiError } from '../../src/lib/server/errors';
import { findAttempt, ingest, setVerdict } from '../../src/lib/server/ingest';
import { freshWorkspace, testDatabase } from '../setup/db';

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

const base = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	project: 'launch',
	model: 'sora-2',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	...extra
});

async function stored(): Promise<number> {
	const [row] = await database.db
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(attempts)
		.where(eq(attempts.workspaceId, ws));
	return row.n;
}

async function refusal(work: Promise<unknown>): Promise<ApiError> {
	const error = await work.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ApiError);
	return error as ApiError;
}

describe('storing attempts', () => {
	test('a single attempt is priced from the book and its project is created on first use', async () => {
		expect(await ingest(database.db, ws, base('a1'), now)).toEqual({
			accepted: 1,
			duplicates: 0,
			updated: 0
		});
		const row = await findAttempt(database.db, ws, 'a1');
		expect(row).toMatchObject({
			costMicros: 800_000,
			costSource: 'price_book',
			verdict: 'pending',
			status: 'succeeded'
		});
		const project = await database.db
			.select()
			.from(projects)
			.where(and(eq(projects.workspaceId, ws), eq(projects.slug, 'launch')));
		expect(project).toHaveLength(1);
	});

	test('a reported cost wins over the book, in exact micro-dollars', async () => {
		await ingest(database.db, ws, base('a1', { costUsd: 0.1234567 }), now);
		expect(await findAttempt(database.db, ws, 'a1')).toMatchObject({
			costMicros: 123_457,
			costSource: 'reported'
		});
	});

	test('a dated snapshot alias is stored under its model', async () => {
		await ingest(database.db, ws, base('a1', { model: 'sora-2-2025-10-06' }), now);
		expect(await findAttempt(database.db, ws, 'a1')).toMatchObject({ model: 'sora-2', costMicros: 800_000 });
	});

	test('the price in force at createdAt applies', async () => {
		await database.db.insert(prices).values({
			workspaceId: ws,
			model: 'sora-2',
			resolution: '1280x720',
			effectiveFrom: new Date('2026-09-10T00:00:00Z'),
			microsPerSecond: 80_000,
			source: 'test'
		});
		await ingest(
			database.db,
			ws,
			{ attempts: [base('before'), base('after', { createdAt: '2026-09-10T00:00:00Z' })] },
			now
		);
		expect((await findAttempt(database.db, ws, 'before'))?.costMicros).toBe(800_000);
		expect((await findAttempt(database.db, ws, 'after'))?.costMicros).toBe(640_000);
	});

	test('a failed attempt without a cost is billed 0 by default; with a reported cost it is billed that', async () => {
		await ingest(
			database.db,
			ws,
			{ attempts: [base('f1', { status: 'failed' }), base('f2', { status: 'failed', costUsd: 0.4 })] },
			now
		);
		expect((await findAttempt(database.db, ws, 'f1'))?.costMicros).toBe(0);
		expect((await findAttempt(database.db, ws, 'f2'))?.costMicros).toBe(400_000);
	});

	test('an unknown model is accepted with a cost, and refused (422) without one, naming model and resolution', async () => {
		await ingest(database.db, ws, base('u1', { model: 'house-model-x', costUsd: 0.3 }), now);
		expect((await findAttempt(database.db, ws, 'u1'))?.costMicros).toBe(300_000);
		const error = await refusal(ingest(database.db, ws, base('u2', { model: 'house-model-x' }), now));
		expect(error.status).toBe(422);
		expect(error.issues[0]).toMatchObject({ index: 0, path: 'costUsd' });
		expect(error.issues[0].message).toContain('house-model-x');
		expect(error.issues[0].message).toContain('1280x720');
		expect(await stored()).toBe(1);
	});

	test('a known model at a resolution the book does not price is refused with 422', async () => {
		const error = await refusal(ingest(database.db, ws, base('r1', { resolution: '3840x2160' }), now));
		expect(error.status).toBe(422);
		expect(error.issues[0].message).toMatch(/sora-2.*3840x2160/);
	});
});

describe('scene tags', () => {
	test('client tags win, even an empty list; without them the prompt is tagged by the rules', async () => {
		const prompt = 'extreme close-up of a runner sprinting through a crowded street';
		await ingest(
			database.db,
			ws,
			{
				attempts: [
					base('t1', { prompt, tags: ['Product'] }),
					base('t2', { prompt, tags: [] }),
					base('t3', { prompt }),
					base('t4')
				]
			},
			now
		);
		expect(await findAttempt(database.db, ws, 't1')).toMatchObject({
			tags: ['product'],
			tagsSource: 'client'
		});
		expect(await findAttempt(database.db, ws, 't2')).toMatchObject({ tags: [], tagsSource: 'client' });
		expect(await findAttempt(database.db, ws, 't3')).toMatchObject({
			tags: ['close-up', 'complex-scene', 'high-motion'],
			tagsSource: 'inferred',
			tagsInferredBy: 'rules'
		});
		expect(await findAttempt(database.db, ws, 't4')).toMatchObject({ tags: [], tagsSource: null });
		// Inferred tags are not part of the content: the same attempt sent again is a duplicate.
		expect(await ingest(database.db, ws, base('t3', { prompt }), now)).toMatchObject({ duplicates: 1 });
	});
});

describe('a batch is atomic', () => {
	test('one invalid attempt refuses the whole batch with every problem by index and path', async () => {
		const error = await refusal(
			ingest(
				database.db,
				ws,
				{
					attempts: [
						base('ok-1'),
						base('bad-1', { durationSeconds: 0 }),
						base('bad-2', { verdict: 'maybe', extra: 1 }),
						{ ...base('bad-3'), project: 'Not A Slug' }
					]
				},
				now
			)
		);
		expect(error.status).toBe(400);
		expect(error.issues.map((i) => [i.index, i.path])).toEqual(
			expect.arrayContaining([
				[1, 'durationSeconds'],
				[2, 'verdict'],
				[2, ''],
				[3, 'project']
			])
		);
		expect(await stored()).toBe(0);
	});

	test('one unpriceable attempt refuses the whole batch', async () => {
		const error = await refusal(
			ingest(database.db, ws, { attempts: [base('ok-1'), base('x', { model: 'nobody-knows' })] }, now)
		);
		expect(error.status).toBe(422);
		expect(error.issues).toHaveLength(1);
		expect(error.issues[0].index).toBe(1);
		expect(await stored()).toBe(0);
	});

	test.each([
		['an empty batch', { attempts: [] }],
		['a batch over 1000', { attempts: Array.from({ length: 1001 }, (_, i) => base(`b${i}`)) }],
		['a batch that is not a list', { attempts: 'a1' }],
		['a batch with another field', { attempts: [base('a')], dryRun: true }],
		['a bare list', [base('a')]],
		['a string', 'hello']
	])('%s is refused with 400', async (_name, body) => {
		const error = await refusal(ingest(database.db, ws, body, now));
		expect(error.status).toBe(400);
		expect(error.issues.length).toBeGreaterThan(0);
		expect(await stored()).toBe(0);
	});

	test.each([
		['rejectReason without a reject', { verdict: 'keep', rejectReason: 'blurry' }, 'rejectReason'],
		['a kept failed attempt', { status: 'failed', verdict: 'keep' }, 'verdict'],
		['a negative cost', { costUsd: -1 }, 'costUsd'],
		['a resolution that is not WxH', { resolution: '720p' }, 'resolution'],
		['a createdAt without a time zone', { createdAt: '2026-09-01T10:00:00' }, 'createdAt'],
		['a createdAt in the future', { createdAt: '2027-09-01T10:00:00Z' }, 'createdAt'],
		['a non-http videoUrl', { videoUrl: 'javascript:alert(1)' }, 'videoUrl'],
		['an overlong id', { id: 'x'.repeat(201) }, 'id'],
		['an empty tag', { tags: ['ok', ' '] }, 'tags[1]'],
		['metadata that is not an object', { metadata: [1, 2] }, 'metadata'],
		['a NUL character, which PostgreSQL text cannot hold', { prompt: 'a\u0000b' }, 'prompt'],
		['a NUL character deep in metadata', { metadata: { a: ['x', 'y\u0000'] } }, 'metadata.a[1]']
	])('%s is refused at its path', async (_name, extra, path) => {
		const error = await refusal(ingest(database.db, ws, base('v1', extra), now));
		expect(error.status).toBe(400);
		expect(error.issues.map((i) => i.path)).toContain(path);
		expect(await stored()).toBe(0);
	});
});

describe('idempotency and late verdicts', () => {
	test('an identical resend is counted as a duplicate and stored once', async () => {
		await ingest(database.db, ws, base('a1'), now);
		expect(await ingest(database.db, ws, base('a1'), now)).toEqual({
			accepted: 0,
			duplicates: 1,
			updated: 0
		});
		expect(await stored()).toBe(1);
	});

	test('the same instant written another way is the same content', async () => {
		await ingest(database.db, ws, base('a1', { createdAt: '2026-09-01T10:00:00Z' }), now);
		const again = base('a1', { createdAt: '2026-09-01T12:00:00.000+02:00' });
		expect(await ingest(database.db, ws, again, now)).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
	});

	test('a resend that only changes the verdict updates it; sent again it is a duplicate', async () => {
		await ingest(database.db, ws, base('a1'), now);
		const late = base('a1', { verdict: 'reject', rejectReason: 'hands' });
		expect(await ingest(database.db, ws, late, now, { by: 'key:k2' })).toEqual({
			accepted: 0,
			duplicates: 0,
			updated: 1
		});
		expect((await findAttempt(database.db, ws, 'a1'))?.verdictBy).toBe('key:k2');
		expect(await ingest(database.db, ws, late, now)).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
		expect(await findAttempt(database.db, ws, 'a1')).toMatchObject({
			verdict: 'reject',
			rejectReason: 'hands'
		});
	});

	test('a plain resend without a verdict does not reset a verdict given later', async () => {
		await ingest(database.db, ws, base('a1'), now);
		await setVerdict(database.db, ws, 'a1', { verdict: 'keep' }, now);
		expect(await ingest(database.db, ws, base('a1'), now)).toEqual({
			accepted: 0,
			duplicates: 1,
			updated: 0
		});
		expect((await findAttempt(database.db, ws, 'a1'))?.verdict).toBe('keep');
	});

	test('a resend with other content is a conflict (409) naming the ids, and nothing in its batch is stored', async () => {
		await ingest(database.db, ws, base('a1'), now);
		const error = await refusal(
			ingest(
				database.db,
				ws,
				{ attempts: [base('new-1'), base('a1', { durationSeconds: 10 }), base('a1', { verdict: 'keep' })] },
				now
			)
		);
		expect(error.status).toBe(409);
		expect(error.extra.conflicts).toEqual(['a1']);
		expect(await stored()).toBe(1);
		expect((await findAttempt(database.db, ws, 'a1'))?.verdict).toBe('pending');
	});

	test('an id repeated inside one batch behaves like two requests', async () => {
		const result = await ingest(
			database.db,
			ws,
			{ attempts: [base('a1'), base('a1'), base('a1', { verdict: 'keep' }), base('a2')] },
			now
		);
		expect(result).toEqual({ accepted: 2, duplicates: 1, updated: 1 });
		expect((await findAttempt(database.db, ws, 'a1'))?.verdict).toBe('keep');
		expect(await stored()).toBe(2);
	});

	test('an id repeated inside one batch records who gave the verdict that stays', async () => {
		const by = { by: 'key:k1' };
		await ingest(database.db, ws, { attempts: [base('a1'), base('a1', { verdict: 'keep' })] }, now, by);
		expect(await findAttempt(database.db, ws, 'a1')).toMatchObject({ verdict: 'keep', verdictBy: 'key:k1' });
		await ingest(
			database.db,
			ws,
			{ attempts: [base('a2', { verdict: 'keep' }), base('a2', { verdict: 'pending' })] },
			now,
			by
		);
		expect(await findAttempt(database.db, ws, 'a2')).toMatchObject({
			verdict: 'pending',
			verdictAt: null,
			verdictBy: null
		});
	});

	test('ids are scoped to the workspace', async () => {
		const other = await freshWorkspace(database);
		await ingest(database.db, ws, base('a1'), now);
		expect(await ingest(database.db, other, base('a1', { durationSeconds: 4 }), now)).toEqual({
			accepted: 1,
			duplicates: 0,
			updated: 0
		});
	});

	test('a late verdict by PATCH is stored with its time; unknown ids and kept failures are refused', async () => {
		await ingest(database.db, ws, { attempts: [base('a1'), base('f1', { status: 'failed' })] }, now);
		const later = new Date('2026-11-21T09:00:00Z');
		const updated = await setVerdict(
			database.db,
			ws,
			'a1',
			{ verdict: 'reject', rejectReason: 'flicker' },
			later
		);
		expect(updated).toMatchObject({ verdict: 'reject', rejectReason: 'flicker', verdictAt: later });
		expect((await refusal(setVerdict(database.db, ws, 'nope', { verdict: 'keep' }))).status).toBe(404);
		expect((await refusal(setVerdict(database.db, ws, 'f1', { verdict: 'keep' }))).status).toBe(400);
	});

	test('concurrent batches with the same new ids store each attempt once', async () => {
		const batch = { attempts: Array.from({ length: 50 }, (_, i) => base(`c${i}`)) };
		const results = await Promise.all([1, 2, 3].map(() => ingest(database.db, ws, batch, now)));
		expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(50);
		expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(100);
		expect(await stored()).toBe(50);
	});
});

describe('storing by COPY', () => {
	// Text that a naive CSV writer or reader would get wrong: quotes, separators, line breaks, a lone "\."
	// (COPY's end-of-data marker), backslashes, the word NULL, an empty string, characters outside ASCII.
	const awkward = {
		project: 'launch',
		model: 'house "model", v2',
		costUsd: 0.25,
		durationSeconds: 6.5,
		prompt: 'He said "cut",\n\\.\nthen\ttabs, \\N, NULL; café ☕ 🎬\r\n',
		shotId: 'NULL',
		creator: 'Ana, "the" editor',
		tags: ['wide shot', 'b-roll', 'null'],
		videoUrl: 'https://cdn.example.com/a%22b.mp4?x=1,2&y="3"',
		metadata: { note: 'line one\nline "two"', nested: { list: [1, 'a,b', null, true] }, empty: '' },
		generationSeconds: 0.1 + 0.2
	};

	test('every value survives exactly, and as the transaction path stores it', async () => {
		await ingest(database.db, ws, base('before'), now);
		// The first batch takes COPY; the second holds a stored id, so it takes the transaction.
		expect(await ingest(database.db, ws, { attempts: [{ id: 'copied', ...awkward }] }, now)).toEqual({
			accepted: 1,
			duplicates: 0,
			updated: 0
		});
		expect(
			await ingest(database.db, ws, { attempts: [base('before'), { id: 'in-transaction', ...awkward }] }, now)
		).toEqual({ accepted: 1, duplicates: 1, updated: 0 });
		const { costUsd, ...fields } = awkward;
		for (const id of ['copied', 'in-transaction']) {
			const row = await findAttempt(database.db, ws, id);
			expect(row).toMatchObject({ ...fields, costMicros: costUsd * 1_000_000, costSource: 'reported' });
			expect(row?.resolution).toBeNull();
			expect(row?.generationSeconds).toBe(0.30000000000000004);
		}
		expect(awkward.prompt.split(/\r?\n/)).toContain('\\.');
		await ingest(database.db, ws, { attempts: [{ ...base('empty'), prompt: '' }] }, now);
		expect((await findAttempt(database.db, ws, 'empty'))?.prompt).toBe('');
	});

	test('a batch holding one stored id among new ones stores the new ones once, counts right', async () => {
		await ingest(database.db, ws, base('old'), now);
		const result = await ingest(
			database.db,
			ws,
			{ attempts: [base('n1'), base('n2'), base('old', { verdict: 'keep' }), base('n3')] },
			now
		);
		expect(result).toEqual({ accepted: 3, duplicates: 0, updated: 1 });
		expect(await stored()).toBe(4);
		expect((await findAttempt(database.db, ws, 'old'))?.verdict).toBe('keep');
	});

	test('every project attempts are stored under has its row, however the attempts were inserted', async () => {
		await database.db.insert(attempts).values({
			workspaceId: ws,
			id: 'direct',
			project: 'side-door',
			model: 'sora-2',
			durationSeconds: 4,
			costMicros: 1,
			costSource: 'reported',
			status: 'succeeded',
			verdict: 'pending',
			createdAt: now,
			receivedAt: now,
			tags: [],
			contentHash: 'x'
		});
		const found = await database.db
			.select({ slug: projects.slug, name: projects.name })
			.from(projects)
			.where(eq(projects.workspaceId, ws));
		expect(found).toEqual([{ slug: 'side-door', name: 'side-door' }]);
	});
});

describe('the cached price book', () => {
	const version = async () =>
		(await database.db.select().from(workspaces).where(eq(workspaces.id, ws)))[0].catalogVersion;
	const cost = async (id: string) => (await findAttempt(database.db, ws, id))?.costMicros;

	test('follows every change to prices, models and aliases, however it is made', async () => {
		await ingest(database.db, ws, base('p1'), now);
		expect(await cost('p1')).toBe(800_000);

		// Written straight to the tables, as a script or another keeprate process would.
		let seen = await version();
		const newer = { workspaceId: ws, model: 'sora-2', resolution: '1280x720', source: 'test' };
		await database.db
			.insert(prices)
			.values({ ...newer, effectiveFrom: new Date('2026-08-01T00:00:00Z'), microsPerSecond: 70_000 });
		expect(await version()).toBeGreaterThan(seen);
		await ingest(database.db, ws, base('p2'), now);
		expect(await cost('p2')).toBe(560_000);

		seen = await version();
		await database.db
			.update(prices)
			.set({ microsPerSecond: 60_000 })
			.where(and(eq(prices.workspaceId, ws), eq(prices.source, 'test')));
		expect(await version()).toBeGreaterThan(seen);
		await ingest(database.db, ws, base('p3'), now);
		expect(await cost('p3')).toBe(480_000);

		seen = await version();
		await database.db.delete(prices).where(and(eq(prices.workspaceId, ws), eq(prices.source, 'test')));
		expect(await version()).toBeGreaterThan(seen);
		await ingest(database.db, ws, base('p4'), now);
		expect(await cost('p4')).toBe(800_000);

		seen = await version();
		await database.db.insert(modelAliases).values({ workspaceId: ws, alias: 'sora-next', model: 'sora-2' });
		expect(await version()).toBeGreaterThan(seen);
		await ingest(database.db, ws, base('p5', { model: 'sora-next' }), now);
		expect(await findAttempt(database.db, ws, 'p5')).toMatchObject({ model: 'sora-2', costMicros: 800_000 });
	});

	test('a change in one workspace leaves the others at their version', async () => {
		const other = await freshWorkspace(database);
		const before = await version();
		await database.db.insert(prices).values({
			workspaceId: other,
			model: 'sora-2',
			resolution: '*',
			effectiveFrom: new Date('2026-01-01T00:00:00Z'),
			microsPerSecond: 1,
			source: 'test'
		});
		expect(await version()).toBe(before);
	});
});

describe('big batches, copied chunk by chunk while the later chunks are checked', () => {
	const many = (prefix: string, n: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
		Array.from({ length: n }, (_, i) => base(`${prefix}${i}`, { durationSeconds: 1 + (i % 7), ...extra(i) }));
	// sora-2 at $0.10/s: the cost of many(..., n) in micro-dollars.
	const costOf = (n: number) =>
		Array.from({ length: n }, (_, i) => (1 + (i % 7)) * 100_000).reduce((a, b) => a + b);
	const spent = async () => {
		const [row] = await database.db
			.select({ micros: sql<number>`coalesce(sum(${attempts.costMicros}), 0)`.mapWith(Number) })
			.from(attempts)
			.where(eq(attempts.workspaceId, ws));
		return row.micros;
	};

	test('a batch of 1000 new attempts is stored whole, each priced', async () => {
		expect(await ingest(database.db, ws, { attempts: many('b', 1000) }, now)).toEqual({
			accepted: 1000,
			duplicates: 0,
			updated: 0
		});
		expect(await stored()).toBe(1000);
		expect(await spent()).toBe(costOf(1000));
	});

	test('a problem in a late chunk refuses the whole batch: 400 before 422, nothing stored', async () => {
		const mixed = many('m', 250, (i) =>
			i === 230 ? { durationSeconds: -1 } : i === 30 ? { resolution: '3840x2160' } : {}
		);
		const invalid = await refusal(ingest(database.db, ws, { attempts: mixed }, now));
		expect(invalid.status).toBe(400);
		expect(invalid.issues).toEqual([{ index: 230, path: 'durationSeconds', message: expect.any(String) }]);
		expect(await stored()).toBe(0);

		mixed[230] = base('m230');
		const unpriceable = await refusal(ingest(database.db, ws, { attempts: mixed }, now));
		expect(unpriceable.status).toBe(422);
		expect(unpriceable.issues.map((i) => i.index)).toEqual([30]);
		expect(await stored()).toBe(0);

		// The refused COPYs left nothing behind: the same ids go in afterwards.
		expect((await ingest(database.db, ws, { attempts: many('m', 250) }, now)).accepted).toBe(250);
		expect(await spent()).toBe(costOf(250));
	});

	test('an attempt outside a restricted key’s projects, late in the batch, refuses it (403)', async () => {
		const batch = many('k', 300, (i) => (i === 290 ? { project: 'elsewhere' } : {}));
		const error = await refusal(ingest(database.db, ws, { attempts: batch }, now, { projects: ['launch'] }));
		expect(error.status).toBe(403);
		expect(error.issues.map((i) => i.index)).toEqual([290]);
		expect(await stored()).toBe(0);
	});

	test('one stored id in a big batch: the rest stored once, a changed verdict applied, by whom', async () => {
		await ingest(database.db, ws, base('s220', { durationSeconds: 1 + (220 % 7) }), now);
		const batch = many('s', 250, (i) => (i === 220 ? { verdict: 'keep' } : {}));
		expect(await ingest(database.db, ws, { attempts: batch }, now, { by: 'key:k1' })).toEqual({
			accepted: 249,
			duplicates: 0,
			updated: 1
		});
		expect(await stored()).toBe(250);
		expect(await spent()).toBe(costOf(250));
		expect(await findAttempt(database.db, ws, 's220')).toMatchObject({
			verdict: 'keep',
			verdictBy: 'key:k1'
		});
	});

	test('one stored id sent with other content: 409, and nothing of the big batch is stored', async () => {
		await ingest(database.db, ws, base('c120'), now);
		const error = await refusal(ingest(database.db, ws, { attempts: many('c', 250) }, now));
		expect(error.status).toBe(409);
		expect(error.extra.conflicts).toEqual(['c120']);
		expect(await stored()).toBe(1);
	});

	test('an id sent twice in a big batch behaves like two requests', async () => {
		const batch = [...many('d', 200), base('d5', { durationSeconds: 6, verdict: 'reject' })];
		expect(await ingest(database.db, ws, { attempts: batch }, now)).toEqual({
			accepted: 200,
			duplicates: 0,
			updated: 1
		});
		expect(await stored()).toBe(200);
		expect((await findAttempt(database.db, ws, 'd5'))?.verdict).toBe('reject');
	});

	test('concurrent big batches holding the same ids in opposite orders store each attempt once', async () => {
		const forward = many('o', 300);
		const results = await Promise.all([
			ingest(database.db, ws, { attempts: forward }, now),
			ingest(database.db, ws, { attempts: [...forward].reverse() }, now)
		]);
		expect(results.map((r) => r.accepted).sort()).toEqual([0, 300]);
		expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(300);
		expect(await stored()).toBe(300);
		expect(await spent()).toBe(costOf(300));
	});

	test('more big batches at once than the pool has connections, and reads meanwhile, all succeed', async () => {
		const batches = Array.from({ length: 14 }, (_, b) =>
			ingest(database.db, ws, { attempts: many(`p${b}-`, 400) }, now)
		);
		const reads = Array.from({ length: 40 }, () => findAttempt(database.db, ws, 'p0-0'));
		const results = await Promise.all(batches);
		await Promise.all(reads);
		expect(results.every((r) => r.accepted === 400)).toBe(true);
		expect(await stored()).toBe(14 * 400);
	});

	test('concurrent big batches with the same ids store each attempt once', async () => {
		const batch = { attempts: many('r', 300) };
		const results = await Promise.all([1, 2, 3].map(() => ingest(database.db, ws, batch, now)));
		expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(300);
		expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(600);
		expect(await stored()).toBe(300);
		expect(await spent()).toBe(costOf(300));
	});
});
