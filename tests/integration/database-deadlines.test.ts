// Issue 12: every database call has a deadline, and missing it answers 503 with Retry-After (to be sent
// again) instead of hanging the request. A frozen server is tested in tests/faults.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { rowsOf } from '../../src/lib/server/rollups/compact';
import { REQUEST_LIMITS } from '../../src/lib/server/db/limits';
import { databaseUnavailable } from '../../src/lib/server/errors';
import { respond } from '../../src/lib/server/http';
import { onPostgres, testDatabase } from '../setup/db';

let database: Database;

beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database.close();
});

/** The error of `work` (undefined if it succeeds), and how long it took. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
	const started = performance.now();
	const error = await work().then(
		() => undefined,
		(e: unknown) => e
	);
	return { error, ms: performance.now() - started };
}

async function expect503(error: unknown) {
	const response = await respond(() => Promise.reject(error));
	expect(response.status).toBe(503);
	expect(response.headers.get('retry-after')).toBe('5');
	expect((await response.json()).error).toMatch(/send it again/);
}

describe.runIf(onPostgres)('on a PostgreSQL server', () => {
	test('a statement past statement_timeout answers 503 with Retry-After', async () => {
		const { error, ms } = await failure(() => database.db.execute(sql`select pg_sleep(10)`));
		expect(databaseUnavailable(error)).toBe(true);
		expect(ms).toBeGreaterThanOrEqual(REQUEST_LIMITS.statementMs - 100);
		expect(ms).toBeLessThan(REQUEST_LIMITS.queryMs + REQUEST_LIMITS.cancelMs);
		await expect503(error);
	});

	test('a write waiting for a lock past lock_timeout answers 503 with Retry-After', async () => {
		await database.db.execute(sql`create table if not exists deadline_locks (id int primary key)`);
		await database.db.execute(sql`insert into deadline_locks values (1) on conflict do nothing`);
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let locked: () => void = () => {};
		const isLocked = new Promise<void>((resolve) => (locked = resolve));
		const holder = database.maintenance.transaction(async (tx) => {
			await tx.execute(sql`select id from deadline_locks where id = 1 for update`);
			locked();
			await held;
		});
		try {
			await isLocked;
			const { error, ms } = await failure(() =>
				database.db.execute(sql`update deadline_locks set id = 1 where id = 1`)
			);
			expect(databaseUnavailable(error)).toBe(true);
			expect(ms).toBeLessThan(REQUEST_LIMITS.statementMs);
			await expect503(error);
		} finally {
			release();
			await holder;
			await database.db.execute(sql`drop table deadline_locks`);
		}
	});

	test('migrations and the compactor get the long limits, requests the short ones', async () => {
		const shown = async (db: Database['db']) =>
			rowsOf(await db.execute(sql`show statement_timeout`))[0].statement_timeout;
		expect(await shown(database.db)).toBe('3s');
		expect(await shown(database.maintenance)).toBe('30min');
	});
});

describe.runIf(!onPostgres)('on the embedded database', () => {
	test('a request waiting behind a long call answers 503 with Retry-After, and never runs', async () => {
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const long = database.maintenance.transaction(async () => {
			await held;
		});
		let ran = false;
		try {
			const { error, ms } = await failure(async () => {
				await database.db.execute(sql`select 1`);
				ran = true;
			});
			expect(databaseUnavailable(error)).toBe(true);
			expect(ms).toBeGreaterThanOrEqual(REQUEST_LIMITS.waitMs - 100);
			expect(ms).toBeLessThan(5000);
			await expect503(error);
			// Maintenance work waits its turn instead.
			const queued = database.maintenance.execute(sql`select 1`);
			release();
			await long;
			await queued;
			await database.db.execute(sql`select 1`);
			expect(ran).toBe(false);
		} finally {
			release();
		}
	});
});
