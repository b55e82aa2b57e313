// The app's database, opened and migrated once at start-up (hooks.server.ts init), closed on shutdown.
import { openDatabase, type Database, type Db } from './db/connection';
import { migrate } from './db/migrate';
import { unavailable } from './errors';
import { readConfig, type Config } from './config';
import { DEFAULT_WORKSPACE, ensureWorkspace } from './workspaces';
import { hasAnyKey, newKey, storeKey } from './api-keys';
import { countUsers, ensureOwner } from './auth/users';
import { newSetupToken } from './auth/setup';
import { seedDemo } from './demo/seed';
import { hasAttempts } from './queries/has-attempts';
import { startDigestScheduler } from './digest';
import { describeTagging, readTagConfig, startTagWorker, type TagWorker } from './tags/worker';
import { startCompactor } from './rollups/compact';
import { startRecategoriser } from './reasons/recategorise';
import { startReasonWorker } from './reasons/worker';

let database: Database | undefined;
let ready = false;
let lastError: unknown;
let settings: Config | undefined;
let background: { stop(): Promise<void> }[] = [];
let tagWorker: TagWorker | undefined;

const log = (message: string) => console.log(`[keeprate] ${message}`);

async function prepare(db: Database, config: Config): Promise<void> {
	await migrate(db);
	await ensureWorkspace(db.db, DEFAULT_WORKSPACE, 'Default workspace');
	if (config.initApiKey) {
		await storeKey(db.db, DEFAULT_WORKSPACE, config.initApiKey, 'init key (KEEPRATE_INIT_API_KEY)');
	} else if (!(await hasAnyKey(db.db, DEFAULT_WORKSPACE))) {
		const key = newKey();
		await storeKey(db.db, DEFAULT_WORKSPACE, key, 'first key');
		log(`created an API key for the default workspace; it is shown only this once:\n\n    ${key}\n`);
	}
	if (config.initAdmin) {
		await ensureOwner(db.db, DEFAULT_WORKSPACE, config.initAdmin.email, config.initAdmin.password);
	} else if ((await countUsers(db.db)) === 0) {
		log(`no user yet: create the first owner at\n\n    ${config.publicUrl}/setup?token=${newSetupToken()}\n`);
	}
	if (config.demo && !(await hasAttempts(db.db, DEFAULT_WORKSPACE))) {
		const result = await seedDemo(db.db, DEFAULT_WORKSPACE);
		log(`loaded demo data: ${result.attempts} attempts over six weeks`);
	}
}

/** Open and migrate; if the database is unreachable, keep retrying in the background (health: 503). */
export async function start(config = readConfig()): Promise<void> {
	settings = config;
	database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
	const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
	for (let attempt = 1; ; attempt++) {
		try {
			await prepare(database, config);
			onReady(database, config);
			log(`database ready: ${where}`);
			return;
		} catch (error) {
			lastError = error;
			console.error(`[keeprate] database not ready (${where}):`, rootCause(error));
			if (!config.databaseUrl) throw error; // an embedded database that fails will not heal by waiting
			if (attempt === 3) {
				log('starting without a database; /api/health answers 503 until it is reachable');
				void retryInBackground(database, config);
				return;
			}
			await sleep(1000);
		}
	}
}

/** Background work starts once the database is ready, and stops before it closes. */
function onReady(db: Database, config: Config) {
	ready = true;
	const tagConfig = readTagConfig();
	log(describeTagging(tagConfig).message);
	tagWorker = startTagWorker(db.db, tagConfig, log);
	background = [
		startDigestScheduler(db.db, { baseUrl: config.publicUrl }),
		tagWorker,
		startReasonWorker(db.db, tagConfig, log),
		startCompactor(db.maintenance, log, { checkpoint: db.kind === 'pglite' }),
		startRecategoriser(db.maintenance, log)
	];
}

/** New attempts may wait for the model tagger: wake it (a no-op unless model tagging is on). */
export const nudgeTagger = () => tagWorker?.nudge();

async function retryInBackground(db: Database, config: Config) {
	while (!ready && database === db) {
		await sleep(5000, true);
		try {
			await prepare(db, config);
			onReady(db, config);
			log('database ready');
		} catch (error) {
			lastError = error;
		}
	}
}

// An unref'd timer never keeps a stopping process alive; start-up waits must keep it (top-level await).
const sleep = (ms: number, unref = false) =>
	new Promise((r) => {
		const timer = setTimeout(r, ms);
		if (unref) timer.unref();
	});

/** drizzle wraps driver errors; the useful message is in `.cause`. */
export function rootCause(error: unknown): string {
	let e = error as { message?: string; cause?: unknown } | undefined;
	while (e?.cause) e = e.cause as typeof e;
	return e?.message ?? String(error);
}

export function db(): Db {
	if (!database || !ready) throw unavailable('the database is not ready');
	return database.db;
}

export async function health(): Promise<{ ok: boolean; database: string; error?: string }> {
	if (!database) return { ok: false, database: 'none', error: 'not started' };
	if (!ready) return { ok: false, database: database.kind, error: rootCause(lastError) };
	try {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error('no answer within 2 s')), 2000);
		});
		// The timer is cleared at once, so a health check never holds a shutting-down process open.
		await Promise.race([database.ping(), timeout]).finally(() => clearTimeout(timer));
		return { ok: true, database: database.kind };
	} catch (error) {
		return { ok: false, database: database.kind, error: rootCause(error) };
	}
}

export function config(): Config {
	return settings ?? readConfig();
}

export async function stop(): Promise<void> {
	const closing = database;
	database = undefined;
	ready = false;
	await Promise.all(background.map((b) => b.stop()));
	background = [];
	tagWorker = undefined;
	await closing?.close();
}
