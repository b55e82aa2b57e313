// One schema, two engines: an embedded PGlite (no server to install) or a PostgreSQL server.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	if (options.url) {
		// A short connect timeout turns a dead server into a fast 503 rather than a 30 s hang.
		const client = postgres(options.url, {
			max: 10,
			connect_timeout: 3,
			idle_timeout: 30,
			// JIT compiles big aggregates for seconds that rollup reads never need; 4 MB of work_mem makes sorts
			// spill to disk; parallel workers cost a rollup read more to start (about 60 ms) than its work.
			connection: { jit: 'off', work_mem: '32MB', max_parallel_workers_per_gather: '0' },
			onnotice: () => {}
		});
		const db = drizzlePostgres(client, { schema }) as unknown as Db;
		return {
			db,
			kind: 'postgres',
			ping: async () => {
				await client`select 1`;
			},
			close: () => client.end({ timeout: 1 })
		};
	}
	// PGlite does not create parent folders, and drizzle would hide that error in `.cause`.
	if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
	const client = await openPglite(options.dataDir);
	const db = drizzlePglite(client, { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		ping: async () => {
			await client.query('select 1');
		},
		close: () => client.close()
	};
}

// Rollup reads touch few pages: 32 MB of shared buffers (PostgreSQL's default is 128 MB) keeps the
// embedded database's memory, which WebAssembly never gives back, small.
const PGLITE_CONF = { postgresqlconf: ['shared_buffers=32MB', 'work_mem=16MB'] };

/**
 * A new data folder is created by initdb, whose memory the PGlite instance keeps (about 450 MB): closing
 * and opening the folder again leaves a server at rest with a third of it.
 */
async function openPglite(dataDir: string | undefined): Promise<PGlite> {
	if (dataDir && !existsSync(join(dataDir, 'PG_VERSION')))
		await (await PGlite.create(dataDir, PGLITE_CONF)).close();
	return PGlite.create(dataDir, PGLITE_CONF);
}
