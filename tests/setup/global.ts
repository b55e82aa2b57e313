// Once per run: migrate the PostgreSQL server (when DATABASE_URL is set) and build the app for the
// tests that run it as a real server (API and browser tests).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';

export default async function setup() {
	if (process.env.DATABASE_URL) {
		const database = await openDatabase({ url: process.env.DATABASE_URL });
		await migrate(database);
		await database.close();
	}
	// KEEPRATE_TEST_REUSE_BUILD=1 skips the build when one exists (for quick local runs).
	if (!(process.env.KEEPRATE_TEST_REUSE_BUILD && existsSync('build/index.js'))) {
		execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	}
}
