// A process that opens a PGlite data folder (argv[2]), stores `argv[3]` attempts through ingest(), says
// "ready" and holds the folder until SIGTERM: two of these on one folder are two keeprate servers.
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { ingest } from '../../src/lib/server/ingest';
import { ensureWorkspace } from '../../src/lib/server/workspaces';

const [folder, count] = process.argv.slice(2);
const database = await openDatabase({ dataDir: folder });
await migrate(database);
await ensureWorkspace(database.db, 'default');
const attempts = Array.from({ length: Number(count) }, (_, i) => ({
	id: `held-${process.pid}-${i}`,
	project: 'lock',
	model: 'sora-2',
	durationSeconds: 4,
	costUsd: 0.4
}));
const result = await ingest(database.db, 'default', { attempts });
console.log(`ready ${result.accepted}`);
process.once('SIGTERM', () => {
	void database.close().then(() => process.exit(0));
});
setInterval(() => {}, 1000);
