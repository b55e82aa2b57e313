// A process that opens a new PGlite data folder (argv[2]) as the server does, migrates it, and prints its
// own memory as JSON: the resident set at rest and its peak (VmHWM), in kB, and the database's settings.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { rowsOf } from '../../src/lib/server/rollups/compact';

const kB = (field: string) =>
	Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))![1]);

const database = await openDatabase({ dataDir: process.argv[2] });
await migrate(database);
const [settings] = rowsOf(
	await database.db.execute(
		sql`select current_setting('shared_buffers') as shared_buffers, current_setting('work_mem') as work_mem`
	)
);
console.log(JSON.stringify({ rssKb: kB('VmRSS'), peakKb: kB('VmHWM'), settings }));
await database.close();
