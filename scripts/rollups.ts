// `npm run rollups:rebuild [-- --workspace ID]`: recompute the rollups from raw attempts (after a migration
// or a repair). `npm run rollups:check [-- --workspace ID]`: report any drift between rollups and raw
// attempts; exits 1 when there is some. Both use DATABASE_URL, else the embedded database in
// KEEPRATE_DATA_DIR (default ./data): stop the server first, since one PGlite folder takes one process.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { readConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connection';
import { MAINTENANCE_LIMITS } from '../src/lib/server/db/limits';
import { migrate } from '../src/lib/server/db/migrate';
import { checkRollups, rebuildRollups } from '../src/lib/server/rollups/maintain';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { workspace: { type: 'string' } }
});
const command = positionals[0];
if (command !== 'rebuild' && command !== 'check') {
	console.error('usage: tsx scripts/rollups.ts rebuild|check [--workspace ID]');
	process.exit(2);
}

const config = readConfig();
const database = await openDatabase({
	url: config.databaseUrl,
	dataDir: config.dataDir,
	limits: MAINTENANCE_LIMITS
});
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
const scope = values.workspace ? `workspace ${values.workspace}` : 'every workspace';
let status = 0;
try {
	await migrate(database);
	const started = performance.now();
	if (command === 'rebuild') {
		const groups = await rebuildRollups(database.db, values.workspace);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(`rollups rebuilt for ${scope} on ${where}: ${groups} hour groups folded in ${seconds} s`);
	} else {
		const drift = await checkRollups(database.db, values.workspace);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		if (drift.length === 0) {
			console.log(`rollups match raw attempts for ${scope} on ${where} (${seconds} s)`);
		} else {
			status = 1;
			console.log(`rollups drift from raw attempts for ${scope} on ${where}:`);
			for (const d of drift) {
				console.log(`  cuboid ${d.cuboid}, ${d.grain} buckets: ${d.rows} differing rows, e.g.`);
				for (const e of d.examples) console.log(`    ${JSON.stringify(e)}`);
			}
			console.log('run `npm run rollups:rebuild` to recompute them from raw attempts');
		}
	}
} catch (error) {
	status = 2;
	console.error(`rollups ${command} failed:`, error);
} finally {
	await database.close();
}
process.exit(status);
