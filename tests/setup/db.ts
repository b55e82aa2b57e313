// The real database for integration tests: PGlite in memory, or the PostgreSQL server at DATABASE_URL.
// Each test takes a workspace of its own, so tests never see each other's attempts.
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { ensureWorkspace } from '../../src/lib/server/workspaces';

export const onPostgres = Boolean(process.env.DATABASE_URL);

/** One database per test file; on PostgreSQL the global setup has migrated it already. */
export async function testDatabase(): Promise<Database> {
	const database = await openDatabase({ url: process.env.DATABASE_URL });
	if (!onPostgres) await migrate(database);
	return database;
}

export async function freshWorkspace(database: Database): Promise<string> {
	const id = `test-${randomUUID().slice(0, 8)}`;
	await ensureWorkspace(database.db, id);
	return id;
}
