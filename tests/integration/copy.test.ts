// A COPY left open while rows are still being made. What it stores is tested on both engines; what only a
// server has (a pool of connections, other sessions, a connection to lose) on PostgreSQL alone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { loadPriceBook } from '../../src/lib/server/catalog/price-book';
import { openDatabase, type Database } from '../../src/lib/server/db/connection';
import { attempts } from '../../src/lib/server/db/schema';
import { findAttempt, ingest } from '../../src/lib/server/ingest';
import { prepareAttempts } from '../../src/lib/server/ingest/prepare';
import { openAttemptsCopy } from '../../src/lib/server/ingest/store';
import { freshWorkspace, onPostgres, testDatabase } from '../setup/db';

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

const attempt = (i: number) => ({
	id: `t${i}`,
	project: 'launch',
	model: 'sora-2',
	durationSeconds: 4,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	prompt: `Take ${i}: a lighthouse at dawn, slow dolly in, 35mm grain.`
});

/** Resolves once `check` holds, polling; fails the test after 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
	for (const started = Date.now(); !(await check());) {
		if (Date.now() - started > 10_000) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('an open COPY', () => {
	const count = async () => {
		const [row] = await database.db
			.select({ n: sql<number>`count(*)`.mapWith(Number) })
			.from(attempts)
			.where(eq(attempts.workspaceId, ws));
		return row.n;
	};

	test('stores its rows at its end, all at once; cancelled, it stores none', async () => {
		const book = await loadPriceBook(database.db, ws);
		const rows = prepareAttempts(ws, [attempt(0), attempt(1), attempt(2)], book, now);
		const copy = await openAttemptsCopy(database.db);
		await copy.write(rows.slice(0, 2));
		await copy.write(rows.slice(2));
		expect(await count()).toBe(0);
		await copy.end();
		expect(await count()).toBe(3);
		expect(await findAttempt(database.db, ws, 't2')).toMatchObject({ costMicros: 400_000 });

		const cancelled = await openAttemptsCopy(database.db);
		await cancelled.write(prepareAttempts(ws, [attempt(3)], book, now));
		await cancelled.abort();
		expect(await count()).toBe(3);
	});

	test('with an id stored already, its end rejects on the key and it stores nothing', async () => {
		const book = await loadPriceBook(database.db, ws);
		const copy = await openAttemptsCopy(database.db);
		await copy.write(prepareAttempts(ws, [attempt(4), attempt(5)], book, now));
		await copy.end();
		const again = await openAttemptsCopy(database.db);
		await again.write(prepareAttempts(ws, [attempt(6), attempt(5)], book, now));
		await expect(again.end()).rejects.toMatchObject({ code: '23505' });
		expect(await count()).toBe(2);
	});
});

// A PostgreSQL server only: PGlite has no pool, no other session, no connection to lose.
describe.runIf(onPostgres)('an open COPY on a PostgreSQL server', () => {
	test('at most two fewer than the pool’s connections are open at once, so queries still get one', async () => {
		// The pool has 10 connections: postgres.js refuses any query at once when all 10 are in a COPY.
		const opened: string[] = [];
		const copies = Array.from({ length: 10 }, (_, i) =>
			openAttemptsCopy(database.db).then((copy) => {
				opened.push(`copy ${i}`);
				return copy;
			})
		);
		try {
			await until(async () => opened.length === 8);
			expect(await findAttempt(database.db, ws, 'none')).toBeNull();
			expect(opened).toHaveLength(8);
			await (await copies[0]).abort();
			await until(async () => opened.length === 9);
		} finally {
			for (const copy of copies) await (await copy).abort();
		}
		expect(opened).toHaveLength(10);
	});

	test('settles when its connection is lost: the write returns, the end rejects', async () => {
		const name = `keeprate-copy-test-${randomUUID()}`;
		const url = new URL(process.env.DATABASE_URL!);
		url.searchParams.set('application_name', name);
		const own = await openDatabase({ url: url.toString() });
		try {
			const book = await loadPriceBook(database.db, ws);
			const [row] = prepareAttempts(ws, [attempt(0)], book, now);
			const copy = await openAttemptsCopy(own.db);
			const terminated = (await database.db.execute(
				sql`select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = ${name}`
			)) as unknown as { done: boolean }[];
			expect(terminated).toEqual([{ done: true }]);
			// Valid rows, more than a socket holds: without the server reading them, this write would
			// never call back. (Had the backend lived, the repeated id would fail the COPY with 23505.)
			await copy.write(Array.from({ length: 20_000 }, () => row));
			const error = await copy.end().then(
				() => undefined,
				(e: unknown) => e as { code?: string }
			);
			expect(['57P01', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE']).toContain(
				error?.code
			);
			expect(copy.failed).toBe(true);
		} finally {
			await own.close();
		}
	});
});

describe.runIf(onPostgres)('a big batch meeting a concurrent writer on a PostgreSQL server', () => {
	test('a deadlock with another transaction ends in the classifying transaction, not an error', async () => {
		const batch = Array.from({ length: 200 }, (_, i) => attempt(i));
		const book = await loadPriceBook(database.db, ws);
		const rowOf = (i: number) => prepareAttempts(ws, [batch[i]], book, now)[0].row;
		const other = await openDatabase({ url: process.env.DATABASE_URL });
		let ingestion: ReturnType<typeof ingest> | undefined;
		try {
			await other.db.transaction(async (tx) => {
				// PostgreSQL looks for a deadlock in a backend once it has waited deadlock_timeout (1 s): this
				// transaction looks much later, so the COPY, which waits first, is the one to give way.
				await tx.execute(sql`set local deadlock_timeout = '20s'`);
				// This transaction holds t150; the batch's COPY stores t0, then waits for t150.
				await tx.insert(attempts).values(rowOf(150));
				const [{ pid }] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
					pid: number;
				}[];
				ingestion = ingest(database.db, ws, { attempts: batch }, now);
				ingestion.catch(() => {});
				await until(async () => {
					const waiting = await database.db.execute(sql`
						select 1 from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`);
					return (waiting as unknown as unknown[]).length > 0;
				});
				// Now this transaction waits for t0: a deadlock, and the COPY, waiting longer, gives way.
				await tx.insert(attempts).values(rowOf(0));
			});
		} finally {
			await other.close();
		}
		expect(await ingestion).toEqual({ accepted: 198, duplicates: 2, updated: 0 });
		const [count] = await database.db
			.select({ n: sql<number>`count(*)`.mapWith(Number) })
			.from(attempts)
			.where(and(eq(attempts.workspaceId, ws)));
		expect(count.n).toBe(200);
	});
});
