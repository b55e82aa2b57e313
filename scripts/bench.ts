// `npm run bench [-- --rounds N --db pglite|postgres|both --singles N --batches N]`: ingestion throughput
// (attempts per second) through keeprate's real path, ingest(): validate -> price -> store atomically,
// with the upkeep of projects, shots and rollup deltas (triggers in the same transaction), against the raw
// floor on the same machine: a prepared single-row INSERT and COPY of the very same rows into a twin of the
// table without those triggers (every column, content hash included, computed before timing; checked equal at the
// end). Calls are interleaved (keeprate, baseline, keeprate, baseline...) with fresh ids each time; round 0
// is a discarded warm-up; the table gives the median of the rounds. PostgreSQL runs in a scratch database
// `keeprate_bench_<time>`, dropped at the end (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
// postgres, is only used to create and drop it); PGlite runs in a temporary data folder, as `npm start` runs
// it (in memory, its files grow by copying, and the run measures that instead).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { getTableColumns, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { loadPriceBook } from '../src/lib/server/catalog/price-book';
import { openDatabase, type Database } from '../src/lib/server/db/connection';
import { MAINTENANCE_LIMITS } from '../src/lib/server/db/limits';
import { migrate } from '../src/lib/server/db/migrate';
import { attempts } from '../src/lib/server/db/schema';
import { ingest } from '../src/lib/server/ingest';
import { prepareAttempts } from '../src/lib/server/ingest/prepare';
import { ensureWorkspace } from '../src/lib/server/workspaces';

const BATCH = 500;
const WORKSPACE = 'bench';
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const { values: flags } = parseArgs({
	options: {
		rounds: { type: 'string', default: '5' },
		db: { type: 'string', default: 'both' },
		singles: { type: 'string' },
		batches: { type: 'string' }
	}
});
const rounds = positive('rounds', flags.rounds);
// Per round and contender: single attempts, and batches of BATCH (~1 minute per database on 2 cores).
const singles = flags.singles ? positive('singles', flags.singles) : 100;
const batches = flags.batches ? positive('batches', flags.batches) : 20;
const which = flags.db ?? 'both';
if (!['pglite', 'postgres', 'both'].includes(which))
	fail(`--db must be pglite, postgres or both, not "${which}"`);

function positive(name: string, value: string | undefined): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a whole number >= 1, not "${value}"`);
	return n;
}

function fail(message: string): never {
	console.error(`bench: ${message}`);
	process.exit(2);
}

// ---- The data: realistic attempts, varied but deterministic per index, fresh ids for every run ----

const NOW = new Date();
const DAY = 24 * 3600 * 1000;
const MODELS: { model: string; resolutions: (string | undefined)[] }[] = [
	{ model: 'kling-v3.0-std', resolutions: ['1280x720', '1920x1080', undefined] },
	{ model: 'kling-v3.0-pro', resolutions: ['1920x1080'] },
	{ model: 'ltx-2-fast', resolutions: ['1920x1080', '2560x1440', '3840x2160'] },
	{ model: 'ltx-2-pro', resolutions: ['1920x1080', '3840x2160'] },
	{ model: 'gen4_turbo', resolutions: ['1280x720'] },
	{ model: 'gen4_aleph', resolutions: ['1280x720', undefined] }
];
const PROJECTS = ['launch', 'brand-film', 'social-q4', 'product_demo'];
const TAGS = ['hands', 'flicker', 'motion', 'face', 'text', 'lighting', 'camera move', 'b-roll'];
const REASONS = ['hands', 'flicker in the sky', 'wrong product colour', 'lip sync off'];

/** A small PRNG, so attempt i has the same content in every run (only its id changes). */
function random(seed: number): () => number {
	let s = seed * 2654435761 + 1;
	return () => {
		s = (s + 0x6d2b79f5) | 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function attemptBody(id: string, i: number): Record<string, unknown> {
	const r = random(i);
	const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)];
	const { model, resolutions } = pick(MODELS);
	const failed = r() < 0.05;
	const verdictRoll = r();
	const verdict = failed ? 'reject' : verdictRoll < 0.4 ? 'keep' : verdictRoll < 0.75 ? 'reject' : undefined;
	const body: Record<string, unknown> = {
		id,
		project: pick(PROJECTS),
		model,
		durationSeconds: pick([4, 5, 8, 10, 12]),
		createdAt: new Date(NOW.getTime() - Math.floor(r() * 60 * DAY)).toISOString(),
		// A clip's takes arrive together: about three takes a shot.
		shotId: `shot-${Math.floor(i / 3)}`,
		tags: [pick(TAGS), pick(TAGS)],
		prompt: `A slow dolly shot of ${pick(['a lighthouse', 'a city street', 'a coffee cup', 'a runner'])} at ${pick(['dawn', 'dusk', 'noon'])}, shallow depth of field, 35mm film grain. Take ${i}.`,
		generationSeconds: Math.round(r() * 3000) / 10,
		creator: pick(['ana@studio.example', 'ben@studio.example', 'pipeline']),
		videoUrl: `https://cdn.example.com/clips/${i}.mp4`,
		metadata: { seed: Math.floor(r() * 1e9), pipeline: 'v2', steps: 30 }
	};
	const resolution = pick(resolutions);
	if (resolution) body.resolution = resolution;
	if (failed) body.status = 'failed';
	if (verdict) body.verdict = verdict;
	if (verdict === 'reject' && r() < 0.7) body.rejectReason = pick(REASONS);
	if (r() < 0.2) body.costUsd = Math.round(r() * 2e6) / 1e6;
	return body;
}

// ---- The baseline's rows: keeprate's own prepared rows, as text values for INSERT and COPY ----

const COLUMNS = Object.entries(getTableColumns(attempts)).map(([key, column]) => ({
	key,
	name: column.name,
	type: column.getSQLType()
}));
const COLUMN_LIST = COLUMNS.map((c) => c.name).join(', ');
const INSERT_SQL = `insert into attempts_floor (${COLUMN_LIST}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
const COPY_POSTGRES = `copy attempts_floor (${COLUMN_LIST}) from stdin with (format csv)`;
const COPY_PGLITE = `copy attempts_floor (${COLUMN_LIST}) from '/dev/blob' with (format csv)`;

type TextRow = (string | null)[];

/** One stored value as PostgreSQL's text input reads it (null stays null). */
function textValue(value: unknown, type: string): string | null {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.toISOString();
	if (type === 'jsonb') return JSON.stringify(value);
	if (Array.isArray(value)) {
		return `{${value.map((v) => `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
	}
	return String(value);
}

const csvField = (v: string | null): string => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
const toCsv = (rows: TextRow[]): string => rows.map((row) => `${row.map(csvField).join(',')}\n`).join('');

/**
 * The floor's own table: `attempts` with its columns, defaults and indexes, without the triggers that keep
 * projects, shots and rollups. Raw rows go there; keeprate's rows, with all their upkeep, go to attempts.
 */
async function createFloor(database: Database): Promise<void> {
	await database.db.execute(
		sql`create table attempts_floor (like attempts including defaults including indexes)`
	);
}

// ---- The two engines behind one small interface ----

interface Engine {
	label: string;
	/** The single-row INSERT baseline, as the table names it. */
	insertLabel: string;
	database: Database;
	insertOne(row: TextRow): Promise<void>;
	copy(csv: string): Promise<void>;
	close(): Promise<void>;
}

async function pgliteEngine(): Promise<Engine> {
	const dataDir = mkdtempSync(join(tmpdir(), 'keeprate-bench-'));
	const database = await openDatabase({ dataDir, limits: MAINTENANCE_LIMITS });
	await migrate(database);
	await createFloor(database);
	const client = (database.db as unknown as { $client: PGlite }).$client;
	const [{ server_version: version }] = (
		await client.query<{ server_version: string }>('show server_version')
	).rows;
	return {
		label: `PGlite (data folder ${dataDir}, PostgreSQL ${version})`,
		insertLabel: 'INSERT (1 row)',
		database,
		// PGlite's API has no named prepared statements (and EXECUTE takes no parameters): the INSERT
		// goes by the extended protocol, parsed in process at each call.
		insertOne: async (row) => {
			await client.query(INSERT_SQL, row);
		},
		copy: async (csv) => {
			await client.query(COPY_PGLITE, [], { blob: new Blob([csv]) });
		},
		close: async () => {
			await database.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function postgresEngine(url: string): Promise<Engine | string> {
	const admin = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	let version: string;
	try {
		[{ server_version: version }] = await admin<{ server_version: string }[]>`show server_version`;
	} catch (error) {
		await admin.end({ timeout: 1 }).catch(() => {});
		return `PostgreSQL at ${redact(url)} is unreachable (${(error as Error).message}): skipped.`;
	}
	const name = `keeprate_bench_${Date.now()}`;
	await admin.unsafe(`create database ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	const database = await openDatabase({ url: target.toString(), limits: MAINTENANCE_LIMITS });
	// The floor: one connection of its own. Values go as PostgreSQL text, as in COPY: jsonb too (postgres.js
	// would JSON-encode the string again).
	const raw = postgres(target.toString(), {
		max: 1,
		onnotice: () => {},
		types: { jsonb: { to: 3802, from: [3802], serialize: (x: string) => x, parse: (x: string) => x } }
	});
	const drop = async () => {
		await raw.end({ timeout: 1 });
		await database.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end({ timeout: 1 });
	};
	try {
		await migrate(database);
		await createFloor(database);
	} catch (error) {
		await drop();
		throw error;
	}
	return {
		label: `PostgreSQL ${version} (${redact(url)}, scratch database ${name})`,
		insertLabel: 'INSERT (prepared)',
		database,
		insertOne: async (row) => {
			await raw.unsafe(INSERT_SQL, row, { prepare: true });
		},
		copy: async (csv) => {
			const stream = await raw.unsafe(COPY_POSTGRES).writable();
			await new Promise<void>((resolve, reject) => {
				stream.on('error', reject);
				stream.end(csv, () => resolve());
			});
		},
		close: drop
	};
}

function redact(url: string): string {
	const u = new URL(url);
	if (u.password) u.password = '***';
	return u.toString();
}

// ---- The runs ----

interface Sample {
	keeprate: number;
	insert: number;
	copyOne: number;
	batch: number;
	copyBatch: number;
}

/**
 * Runs contender c's call i for i = 0..count-1, the contenders interleaved call by call (their order
 * rotating), so that all of them see the same machine; returns each one's attempts per second.
 */
async function interleaved(count: number, size: number, contenders: ((i: number) => Promise<unknown>)[]) {
	const spent = contenders.map(() => 0);
	for (let i = 0; i < count; i++) {
		for (let k = 0; k < contenders.length; k++) {
			const c = (i + k) % contenders.length;
			const start = performance.now();
			await contenders[c](i);
			spent[c] += performance.now() - start;
		}
	}
	return spent.map((ms) => (count * size) / (ms / 1000));
}

async function benchEngine(engine: Engine, singles: number, batches: number): Promise<Sample[]> {
	const { db } = engine.database;
	await ensureWorkspace(db, WORKSPACE);
	const book = await loadPriceBook(db, WORKSPACE);

	/** Bodies for ingest(); the baseline stores the rows keeprate makes of them (ids prefixed otherwise). */
	const bodies = (prefix: string, count: number, offset: number) =>
		Array.from({ length: count }, (_, i) => attemptBody(`${prefix}.${offset + i}`, offset + i));
	const rows = (prefix: string, count: number, offset: number): TextRow[] =>
		prepareAttempts(WORKSPACE, bodies(prefix, count, offset), book, NOW).map(({ row }) =>
			COLUMNS.map((c) => textValue((row as Record<string, unknown>)[c.key], c.type))
		);

	const samples: Sample[] = [];
	for (let round = 0; round <= rounds; round++) {
		// Everything is built before the clocks start; each run gets ids of its own.
		const oursOne = bodies(`k${round}.s`, singles, 0);
		const insertRows = rows(`i${round}.s`, singles, 0);
		const copyRows = rows(`c${round}.s`, singles, 0).map((row) => toCsv([row]));
		const oursBatches = Array.from({ length: batches }, (_, b) => bodies(`k${round}.b`, BATCH, b * BATCH));
		const copyBatches = Array.from({ length: batches }, (_, b) =>
			toCsv(rows(`c${round}.b`, BATCH, b * BATCH))
		);

		const [keeprate, insert, copyOne] = await interleaved(singles, 1, [
			(i) => ingest(db, WORKSPACE, oursOne[i], NOW),
			(i) => engine.insertOne(insertRows[i]),
			(i) => engine.copy(copyRows[i])
		]);
		const [batch, copyBatch] = await interleaved(batches, BATCH, [
			(b) => ingest(db, WORKSPACE, { attempts: oursBatches[b] }, NOW),
			(b) => engine.copy(copyBatches[b])
		]);
		const sample: Sample = { keeprate, insert, copyOne, batch, copyBatch };
		if (round > 0) samples.push(sample);
		// Planner statistics as autovacuum keeps them on a live database: without them, the growing table
		// looks nearly empty and an id lookup scans the whole workspace.
		await db.execute(sql`analyze attempts`);
		await db.execute(sql`analyze attempts_floor`);
		process.stderr.write(round === 0 ? '  warm-up done\n' : `  round ${round}/${rounds} done\n`);
	}
	await checkSameRows(engine, singles, batches);
	return samples;
}

/**
 * Every baseline row must equal keeprate's row for the same attempt, but for its id and content hash, and
 * for the reject category: the row trigger that places it is upkeep, which the baseline does without.
 */
async function checkSameRows(engine: Engine, singles: number, batches: number): Promise<void> {
	const { db } = engine.database;
	const pairs = sql`from attempts k join attempts_floor b
		on b.workspace_id = k.workspace_id and b.id in ('i' || substr(k.id, 2), 'c' || substr(k.id, 2))
		where k.workspace_id = ${WORKSPACE} and k.id like 'k%'`;
	const own = sql.raw(`'id' - 'content_hash' - 'reject_category' - 'reject_category_by'`);
	const differs = sql`(to_jsonb(k) - ${own}) is distinct from (to_jsonb(b) - ${own})`;
	const [found] = rowsOf(
		await db.execute(sql`select
			(select count(*)::int from attempts where workspace_id = ${WORKSPACE})
				+ (select count(*)::int from attempts_floor where workspace_id = ${WORKSPACE}) as total,
			count(*)::int as pairs,
			(count(*) filter (where ${differs}))::int as differ
			${pairs}`)
	) as { total: number; pairs: number; differ: number }[];
	const expected = {
		total: (rounds + 1) * (3 * singles + 2 * batches * BATCH),
		pairs: (rounds + 1) * (2 * singles + batches * BATCH),
		differ: 0
	};
	if (found.total !== expected.total || found.pairs !== expected.pairs || found.differ !== 0) {
		const [example] = rowsOf(
			await db.execute(
				sql`select to_jsonb(k) as keeprate, to_jsonb(b) as baseline ${pairs} and ${differs} limit 1`
			)
		);
		console.error(JSON.stringify(example, null, 1));
		throw new Error(
			`the baseline did not store the same rows: found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`
		);
	}
}

/** drizzle's execute() gives a list on postgres-js and {rows} on PGlite. */
const rowsOf = (result: unknown): unknown[] =>
	Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function printTable(engine: Engine, samples: Sample[]): void {
	const lines = [
		['single attempts', engine.insertLabel, 'keeprate', 'insert'],
		['single attempts', 'COPY (1 row)', 'keeprate', 'copyOne'],
		[`batches of ${BATCH}`, `COPY (${BATCH} rows)`, 'batch', 'copyBatch']
	] as const;
	const table = [
		['mode', 'baseline', 'keeprate att/s', 'baseline att/s', 'ratio'],
		...lines.map(([mode, baseline, ours, theirs]) => [
			mode,
			baseline,
			median(samples.map((s) => s[ours])).toFixed(0),
			median(samples.map((s) => s[theirs])).toFixed(0),
			`${median(samples.map((s) => s[ours] / s[theirs])).toFixed(2)}x`
		])
	];
	const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
	console.log(`\n${engine.label}`);
	console.log(
		`median of ${samples.length} round(s) after a warm-up (ratio: median of the rounds' ratios); per round ` +
			`and contender ${singles} single attempts and ${batches} batch(es) of ${BATCH}, interleaved call by call`
	);
	for (const [i, row] of table.entries()) {
		console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
		if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	}
}

async function run(engine: Engine): Promise<void> {
	console.error(`${engine.label}: ${rounds} round(s) + warm-up`);
	// Ctrl-C still drops the scratch database.
	const interrupted = () => void engine.close().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	try {
		const samples = await benchEngine(engine, singles, batches);
		printTable(engine, samples);
	} finally {
		process.off('SIGINT', interrupted);
		await engine.close();
	}
}

if (which === 'pglite' || which === 'both') await run(await pgliteEngine());
if (which === 'postgres' || which === 'both') {
	const engine = await postgresEngine(process.env.DATABASE_URL || DEFAULT_URL);
	if (typeof engine === 'string') console.log(`\n${engine}`);
	else await run(engine);
}
