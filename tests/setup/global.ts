// Once per run: migrate the PostgreSQL server (when DATABASE_URL is set) and build the app for the
// tests that run it as a real server (API and browser tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp, buildNeeded } from '../../scripts/build.js';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';

export default async function setup() {
	if (process.env.DATABASE_URL) {
		const database = await openDatabase({ url: process.env.DATABASE_URL });
		await migrate(database);
		await database.close();
	}
	// Built when the sources changed since the last build, as `npm start` does. KEEPRATE_TEST_REUSE_BUILD=1
	// takes any existing build as it is (for quick local runs while editing only tests).
	if (process.env.KEEPRATE_TEST_REUSE_BUILD && existsSync('build/index.js')) return;
	await (building ??= buildIfNeeded());
}

// Each test project runs this setup; they share one build.
let building: Promise<void> | undefined;

async function buildIfNeeded() {
	const root = fileURLToPath(new URL('../../', import.meta.url));
	if (!buildNeeded(root)) return;
	try {
		await buildApp(root);
	} catch (error) {
		console.error((error as { output?: string }).output);
		throw error;
	}
}
