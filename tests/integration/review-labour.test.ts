// Review labour (issue 15): an attempt's reviewSeconds is part of its verdict. The API sets it (POST, resend,
// PATCH), the review queue adds to it, and the per-model sums count it over decided attempts, from rollups
// and raw edges alike, equal to a plain SQL sum over the raw rows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { ApiError } from '../../src/lib/server/errors';
import { findAttempt, ingest, setVerdict } from '../../src/lib/server/ingest';
import { countsByModel } from '../../src/lib/server/queries/summary-by-model';
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
