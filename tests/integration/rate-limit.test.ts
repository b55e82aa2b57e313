// Ingestion is rate limited per key (KEEPRATE_RATE_LIMIT requests a minute): 429 with Retry-After.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { holdLease, releaseLease } from '../../src/lib/server/leases';
import { rateLimiter } from '../../src/lib/server/rate-limit';
import { testDatabase } from '../setup/db';
import { startServer, type TestServer } from '../setup/server';

let server: TestServer;
let database: Database;
beforeAll(async () => {
	[server, database] = await Promise.all([
		startServer({ env: { KEEPRATE_RATE_LIMIT: '5' } }),
		testDatabase()
	]);
});
afterAll(async () => {
	await Promise.all([server?.stop(), database?.close()]);
});

describe('per-key token buckets, kept in the database', () => {
	test('a burst up to the limit passes, the next waits, and another key has its own bucket', async () => {
		const key = `k-${randomUUID()}`;
		const limit = rateLimiter(database.db, 60);
		for (let i = 0; i < 60; i++) expect(await limit.take(key)).toBe(0);
		expect(await limit.take(key)).toBe(1);
		expect(await limit.take(`${key}-other`)).toBe(0);
	});

	test('two instances (two limiters) share one bucket, also when they ask at the same time', async () => {
		const key = `k-${randomUUID()}`;
		const [a, b] = [rateLimiter(database.db, 20), rateLimiter(database.db, 20)];
		const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take(key)));
		expect(waits.filter((w) => w === 0)).toHaveLength(20);
	});

	test('tokens come back with time, after the wait it names', async () => {
		const key = `k-${randomUUID()}`;
		const limit = rateLimiter(database.db, 60); // one a second
		let wait = 0;
		for (let i = 0; i < 200 && wait === 0; i++) wait = await limit.take(key);
		expect(wait).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 50));
		expect(await limit.take(key)).toBe(0);
	});

	test('a limit of 0 turns it off', async () => {
		const limit = rateLimiter(database.db, 0);
		for (let i = 0; i < 100; i++) expect(await limit.take('k')).toBe(0);
	});
});

describe('leases for work one instance does at a time', () => {
	test('one holder at a time; the holder renews it; another takes it once released or lapsed', async () => {
		const name = `work-${randomUUID()}`;
		expect(await holdLease(database.db, name, 60_000, 'a')).toBe(true);
		expect(await holdLease(database.db, name, 60_000, 'b')).toBe(false);
		expect(await holdLease(database.db, name, 60_000, 'a')).toBe(true);
		await releaseLease(database.db, name, 'a');
		expect(await holdLease(database.db, name, 50, 'b')).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(await holdLease(database.db, name, 60_000, 'a')).toBe(true);
	});

	test('of several asking at once, exactly one gets it', async () => {
		const name = `work-${randomUUID()}`;
		const got = await Promise.all(
			Array.from({ length: 8 }, (_, i) => holdLease(database.db, name, 60_000, `h${i}`))
		);
		expect(got.filter(Boolean)).toHaveLength(1);
	});
});

test('past the limit a key gets 429 with Retry-After, and nothing of that request is stored', async () => {
	const post = (id: string) =>
		server.api('/api/v1/attempts', {
			method: 'POST',
			body: JSON.stringify({ id, project: 'rl', model: 'sora-2', durationSeconds: 4, resolution: '1280x720' })
		});
	for (let i = 0; i < 5; i++) expect((await post(`ok-${i}`)).status).toBe(200);
	const limited = await post('over');
	expect(limited.status).toBe(429);
	expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	expect((await limited.json()).error).toMatch(/too many requests/);
	expect((await server.api('/api/v1/attempts/over')).status).toBe(404);
	// Reading is not limited.
	expect((await server.api('/api/v1/summary?project=rl')).status).toBe(200);
});
