// Which failures the API answers with 503 (the database is unreachable or went away, retry) rather than 500.
import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { ApiError, databaseUnavailable } from '../../src/lib/server/errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('databaseUnavailable', () => {
	test('a real refused connection, from postgres.js and as drizzle wraps it', async () => {
		// Port 9 (discard) has no PostgreSQL: the connection is refused at once.
		const client = postgres('postgres://postgres@127.0.0.1:9/none', { max: 1, connect_timeout: 2 });
		try {
			const direct = await client`select 1`.then(
				() => undefined,
				(e: unknown) => e
			);
			expect(databaseUnavailable(direct)).toBe(true);
			const wrapped = await drizzle(client)
				.execute(sql`select 1`)
				.then(
					() => undefined,
					(e: unknown) => e
				);
			expect(wrapped).toBeInstanceOf(Error);
			expect((wrapped as Error).cause).toBeDefined();
			expect(databaseUnavailable(wrapped)).toBe(true);
		} finally {
			await client.end({ timeout: 1 });
		}
	});

	test.each([
		['CONNECTION_CLOSED', true],
		['CONNECT_TIMEOUT', true],
		['ECONNRESET', true],
		['08006', true], // connection failure
		['57P01', true], // terminated by an administrator
		['57P03', true], // cannot connect now (starting up)
		['53300', true], // too many connections
		['QUERY_TIMEOUT', true], // a deadline: the client gave up on the query
		['QUEUE_TIMEOUT', true], // no connection free in time (postgres.js, or the embedded database)
		['CANCEL_UNANSWERED', true], // the server answered neither the query nor its cancel
		['57014', true], // statement_timeout
		['55P03', true], // lock_timeout
		['25P03', true], // idle_in_transaction_session_timeout
		['23505', false], // a duplicate key: the request's own problem
		['40P01', false], // a deadlock: handled where it happens
		['22P02', false] // invalid input
	])('code %s: %s', (code, unavailable) => {
		expect(databaseUnavailable(withCode(code))).toBe(unavailable);
		expect(databaseUnavailable(new Error('Failed query', { cause: withCode(code) }))).toBe(unavailable);
	});

	test('errors without a code, and the API’s own errors, are not outages', () => {
		expect(databaseUnavailable(new Error('boom'))).toBe(false);
		expect(databaseUnavailable(new ApiError(503, 'the database is not ready'))).toBe(false);
		expect(databaseUnavailable('ECONNRESET')).toBe(false);
		expect(databaseUnavailable(undefined)).toBe(false);
	});
});
