// The sign-in throttle's counts and waits on the database, with fixed timestamps (the limits themselves
// are exercised through the real server in account-security.test.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { checkThrottle, clearFailures, recordFailure } from '../../src/lib/server/auth/throttle';
import { testDatabase } from '../setup/db';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
/** A client and an email of this test's own: tests share the table. */
const fresh = () => ({ email: `${randomUUID()}@example.com`, client: `198.18.${randomUUID().slice(0, 8)}` });

test('ten failures a minute apart: refused until the first is 15 minutes old', async () => {
	const { email, client } = fresh();
	for (let i = 0; i < 10; i++) await recordFailure(database.db, email, client, at(i));
	expect(await checkThrottle(database.db, email, client, at(9.5))).toEqual({
		scope: 'email',
		retryAfter: 330
	});
	expect(await checkThrottle(database.db, email, client, at(14.999))).toEqual({
		scope: 'email',
		retryAfter: 1
	});
	expect(await checkThrottle(database.db, email, client, at(15))).toBeNull();
	expect(await checkThrottle(database.db, email, '198.18.0.1', at(9.5))).toBeNull();
});

test('past the limit (instances racing), the wait is until enough failures leave the window', async () => {
	const { email, client } = fresh();
	for (let i = 0; i < 12; i++) await recordFailure(database.db, email, client, at(i / 2));
	// 12 failures, 10 allowed: the third oldest (at 1 minute) must leave, at 16 minutes.
	expect(await checkThrottle(database.db, email, client, at(6))).toEqual({ scope: 'email', retryAfter: 600 });
});

test('twenty failures from one client with different emails refuse every email from it', async () => {
	const { client } = fresh();
	for (let i = 0; i < 20; i++)
		await recordFailure(database.db, `${i}-${randomUUID()}@example.com`, client, at(i / 4));
	expect(await checkThrottle(database.db, 'anyone@example.com', client, at(5))).toEqual({
		scope: 'client',
		retryAfter: 600
	});
});

test('a right password clears that email and client only', async () => {
	const { email, client } = fresh();
	for (let i = 0; i < 10; i++) await recordFailure(database.db, email, client, at(i / 10));
	await recordFailure(database.db, email, '198.18.9.9', at(0));
	await clearFailures(database.db, email, client);
	expect(await checkThrottle(database.db, email, client, at(2))).toBeNull();
	for (let i = 0; i < 9; i++) await recordFailure(database.db, email, '198.18.9.9', at(1 + i / 10));
	expect((await checkThrottle(database.db, email, '198.18.9.9', at(2)))?.scope).toBe('email');
});
