import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Database } from './connection';

/**
 * The committed migrations folder. adapter-node does not copy `drizzle/` into `build/`, so it is
 * found from the app root: KEEPRATE_MIGRATIONS_DIR, the working directory, or up from this module.
 */
export function migrationsFolder(): string {
	const candidates = [process.env.KEEPRATE_MIGRATIONS_DIR, join(process.cwd(), 'drizzle')];
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 8; i++) {
		candidates.push(join(dir, 'drizzle'));
		dir = dirname(dir);
	}
	for (const candidate of candidates) {
		if (candidate && existsSync(join(candidate, 'meta', '_journal.json'))) return resolve(candidate);
	}
	throw new Error(
		`Cannot find the migrations folder (drizzle/meta/_journal.json) from ${process.cwd()}: ` +
			'start keeprate from its folder, or set KEEPRATE_MIGRATIONS_DIR.'
	);
}

/** Applies the migrations not applied yet, with MAINTENANCE_LIMITS: one may rewrite every attempt. */
export async function migrate(database: Database): Promise<void> {
	const config = { migrationsFolder: migrationsFolder() };
	if (database.kind === 'pglite') {
		await migratePglite(database.maintenance as unknown as PgliteDatabase, config);
	} else {
		await migratePostgres(database.maintenance as unknown as PostgresJsDatabase, config);
	}
}
