// API keys, project restrictions, who gave a verdict, re-pricing and the reviewers' queue, on a real database.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { createKey, findKey, listKeys, revokeKey } from '../../src/lib/server/api-keys';
import { findAttempt, ingest, setVerdict } from '../../src/lib/server/ingest';
import { addPrice, reprice } from '../../src/lib/server/catalog/editor';
import { nextPending } from '../../src/lib/server/review';
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

const take = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	project: 'alpha',
	model: 'sora-2',
	durationSeconds: 10,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	...extra
});

describe('API keys', () => {
	test('a new key is found with its scopes and projects, listed without the key, and dead once revoked', async () => {
		const made = await createKey(
			database.db,
			ws,
			{ name: 'ci', scopes: ['read'], projects: ['alpha'] },
			'a@b.c'
		);
		expect(made.key).toMatch(/^kr_[\w-]{32}$/);
		expect(made.prefix).toBe(made.key.slice(0, 10));
		expect(await findKey(database.db, made.key)).toMatchObject({
			workspaceId: ws,
			scopes: ['read'],
			projects: ['alpha']
		});
		const [listed] = await listKeys(database.db, ws);
		expect(JSON.stringify(listed)).not.toContain(made.key);
		expect(listed.lastUsedAt).not.toBeNull();
		expect(await revokeKey(database.db, ws, made.id)).toBe(true);
		expect(await findKey(database.db, made.key)).toBeNull();
		expect(await revokeKey(database.db, ws, made.id)).toBe(false);
	});

	test('a key of another workspace cannot be revoked from this one', async () => {
		const other = await freshWorkspace(database);
		const made = await createKey(
			database.db,
			other,
			{ name: 'x', scopes: ['ingest'], projects: [] },
			'a@b.c'
		);
		expect(await revokeKey(database.db, ws, made.id)).toBe(false);
		expect(await findKey(database.db, made.key)).toMatchObject({ workspaceId: other });
	});
});

describe('project restrictions and verdict authors', () => {
	test('a key restricted to projects writes only to them, and nothing of a mixed batch', async () => {
		const body = { attempts: [take('a1'), take('b1', { project: 'beta' })] };
		await expect(ingest(database.db, ws, body, now, { projects: ['alpha'] })).rejects.toMatchObject({
			status: 403,
			issues: [{ index: 1, path: 'project' }]
		});
		expect(await findAttempt(database.db, ws, 'a1')).toBeNull();
		expect(await ingest(database.db, ws, take('a1'), now, { projects: ['alpha'] })).toMatchObject({
			accepted: 1
		});
	});

	test('a restricted key does not see attempts of other projects', async () => {
		await ingest(database.db, ws, take('b1', { project: 'beta' }), now);
		expect(await findAttempt(database.db, ws, 'b1', ['alpha'])).toBeNull();
		await expect(
			setVerdict(database.db, ws, 'b1', { verdict: 'keep' }, now, 'key:x', ['alpha'])
		).rejects.toMatchObject({
			status: 404
		});
	});

	test('each verdict records who gave it and when', async () => {
		await ingest(database.db, ws, { attempts: [take('a1', { verdict: 'keep' }), take('a2')] }, now, {
			by: 'key:k1'
		});
		expect(await findAttempt(database.db, ws, 'a1')).toMatchObject({ verdictBy: 'key:k1', verdictAt: now });
		expect(await findAttempt(database.db, ws, 'a2')).toMatchObject({ verdictBy: null, verdictAt: null });
		const later = new Date('2026-11-21T08:00:00Z');
		await setVerdict(
			database.db,
			ws,
			'a2',
			{ verdict: 'reject', rejectReason: 'artifacts' },
			later,
			'user:u1'
		);
		expect(await findAttempt(database.db, ws, 'a2')).toMatchObject({
			verdictBy: 'user:u1',
			verdictAt: later
		});
	});
});

describe('re-pricing from the book', () => {
	test('the preview changes nothing; applying re-prices book-priced attempts only', async () => {
		await ingest(
			database.db,
			ws,
			{
				attempts: [take('book-1'), take('book-2', { durationSeconds: 5 }), take('reported', { costUsd: 0.5 })]
			},
			now
		);
		await addPrice(database.db, ws, {
			model: 'sora-2',
			resolution: '1280x720',
			microsPerSecond: 80_000,
			effectiveFrom: new Date('2026-08-01T00:00:00Z'),
			source: 'negotiated'
		});
		const preview = await reprice(database.db, ws, false);
		expect(preview).toEqual({
			checked: 2,
			changed: 2,
			unpriceable: 0,
			beforeUsd: 1.5,
			afterUsd: 1.2,
			byModel: [{ model: 'sora-2', attempts: 2, beforeUsd: 1.5, afterUsd: 1.2 }]
		});
		expect((await findAttempt(database.db, ws, 'book-1'))?.costMicros).toBe(1_000_000);
		expect(await reprice(database.db, ws, true)).toEqual(preview);
		expect((await findAttempt(database.db, ws, 'book-1'))?.costMicros).toBe(800_000);
		expect((await findAttempt(database.db, ws, 'book-2'))?.costMicros).toBe(400_000);
		expect((await findAttempt(database.db, ws, 'reported'))?.costMicros).toBe(500_000);
		expect(await reprice(database.db, ws, false)).toMatchObject({ checked: 2, changed: 0 });
	});
});

describe("the reviewers' queue", () => {
	test('pending succeeded takes, oldest first, with the count left', async () => {
		await ingest(
			database.db,
			ws,
			{
				attempts: [
					take('late', { createdAt: '2026-09-02T00:00:00Z' }),
					take('early', { createdAt: '2026-09-01T00:00:00Z' }),
					take('done', { verdict: 'keep' }),
					take('failed', { status: 'failed' }),
					take('other', { project: 'beta', createdAt: '2026-08-01T00:00:00Z' })
				]
			},
			now
		);
		const first = await nextPending(database.db, ws, 'alpha');
		expect(first.attempt?.id).toBe('early');
		expect(first.remaining).toBe(2);
		const all = await nextPending(database.db, ws);
		expect([all.attempt?.id, all.remaining]).toEqual(['other', 3]);
		const second = await nextPending(database.db, ws, 'alpha', first.attempt!);
		expect(second.attempt?.id).toBe('late');
	});
});
