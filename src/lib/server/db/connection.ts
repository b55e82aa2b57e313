// One schema, two engines: an embedded PGlite (no server to install) or a PostgreSQL server.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { lockFolder } from './folder-lock';
import { MAINTENANCE_LIMITS, oneAtATime, REQUEST_LIMITS, type DatabaseLimits, type Gate } from './limits';
import * as schema from './schema';

const run = promisify(execFile);

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
	/** The same database with MAINTENANCE_LIMITS: migrations and the compactor. */
	maintenance: Db;
	kind: 'pglite' | 'postgres';
	/** A cheap round trip, to tell whether the database answers. */
	ping(): Promise<void>;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** postgres://... : use a PostgreSQL server. Absent: embedded PGlite. */
	url?: string;
	/** PGlite's folder; absent with no url: in memory (tests). */
	dataDir?: string;
	/** Deadlines on every call (db/limits.ts): REQUEST_LIMITS unless given. */
	limits?: DatabaseLimits;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	const limits = options.limits ?? REQUEST_LIMITS;
	if (options.url) {
		const client = postgresClient(options.url, 10, limits);
		// Connections are opened at the first query: a server without maintenance work never sees these.
		const long = postgresClient(options.url, 2, MAINTENANCE_LIMITS);
		return {
			db: drizzlePostgres(client, { schema }) as unknown as Db,
			maintenance: drizzlePostgres(long, { schema }) as unknown as Db,
			kind: 'postgres',
			ping: async () => {
				await client`select 1`;
			},
			close: async () => {
				await Promise.all([client.end({ timeout: 1 }), long.end({ timeout: 1 })]);
			}
		};
	}
	// PGlite does not create parent folders, and drizzle would hide that error in `.cause`.
	if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
	// One process per folder: a second one would lose the first one's writes (folder-lock.ts).
	const lock = options.dataDir ? lockFolder(options.dataDir) : undefined;
	let client: PGlite;
	try {
		client = await openPglite(options.dataDir);
	} catch (error) {
		lock?.release();
		throw error;
	}
	const gate = oneAtATime();
	const gated = limitWaits(client, gate, limits.waitMs);
	return {
		db: drizzlePglite(gated, { schema }) as unknown as Db,
		maintenance: drizzlePglite(limitWaits(client, gate, MAINTENANCE_LIMITS.waitMs), {
			schema
		}) as unknown as Db,
		kind: 'pglite',
		ping: async () => {
			await gated.query('select 1');
		},
		close: async () => {
			await client.close();
			lock?.release();
		}
	};
}

function postgresClient(url: string, max: number, limits: DatabaseLimits) {
	return postgres(url, {
		max,
		// A short connect timeout turns a dead server into a fast 503 rather than a 30 s hang.
		connect_timeout: 3,
		idle_timeout: 30,
		// A server that stops answering: the query is canceled, then its connection closed, and the pool
		// connects again for the next query (db/limits.ts).
		query_timeout: limits.queryMs / 1000,
		queue_timeout: limits.waitMs / 1000,
		cancel_timeout: limits.cancelMs / 1000,
		connection: {
			// JIT compiles big aggregates for seconds that rollup reads never need; 4 MB of work_mem makes sorts
			// spill to disk; parallel workers cost a rollup read more to start (about 60 ms) than its work.
			jit: 'off',
			work_mem: '32MB',
			max_parallel_workers_per_gather: '0',
			statement_timeout: limits.statementMs,
			lock_timeout: limits.lockMs,
			idle_in_transaction_session_timeout: limits.idleInTransactionMs
		},
		onnotice: () => {}
	});
}

/**
 * PGlite runs one call at a time, and a long one (a rollup rebuild, a big fold) makes every other wait: a
 * call that waits longer than `waitMs` is refused (QUEUE_TIMEOUT, a 503) without running. Calls inside a
 * transaction go to its own object, not through here. Still `instanceof PGlite` (db/copy.ts).
 */
function limitWaits(client: PGlite, gate: Gate, waitMs: number): PGlite {
	const gated = new Set<PropertyKey>(['query', 'exec', 'transaction']);
	return new Proxy(client, {
		get(target, key) {
			const value = Reflect.get(target, key, target);
			if (typeof value !== 'function') return value;
			if (!gated.has(key)) return value.bind(target);
			return (...args: unknown[]) => gate(() => value.apply(target, args), waitMs);
		}
	});
}

// Rollup reads touch few pages: 32 MB of shared buffers (PostgreSQL's default is 128 MB) keeps the
// embedded database's memory, which WebAssembly never gives back, small.
const PGLITE_CONF = { postgresqlconf: ['shared_buffers=32MB', 'work_mem=16MB'] };

/**
 * A new data folder is created by initdb, which grows PGlite's WebAssembly memory to about 700 MB (and
 * keeps a copy of its first 128 MB). WebAssembly memory is never given back: after closing that instance
 * the process stayed at about 400 MB with a garbage collection and 700 MB without one (a restart: 250 MB).
 * So initdb runs in a child process of its own: when it exits, all of that memory goes with it, and this
 * process opens a folder that exists, as on every later start.
 */
async function openPglite(dataDir: string | undefined): Promise<PGlite> {
	if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) await initdbInChildProcess(dataDir);
	return PGlite.create(dataDir, PGLITE_CONF);
}

const INITDB =
	'require(process.argv[1]).PGlite.create(process.argv[2], JSON.parse(process.argv[3])).then((pg) => pg.close())';

async function initdbInChildProcess(dataDir: string): Promise<void> {
	const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	try {
		await run(process.execPath, ['-e', INITDB, pglite, dataDir, JSON.stringify(PGLITE_CONF)]);
	} catch (error) {
		const { stderr } = error as { stderr?: string };
		throw new Error(`could not create the embedded database in ${dataDir}: ${stderr?.trim() || error}`, {
			cause: error
		});
	}
}
