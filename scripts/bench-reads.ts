// `npm run bench:reads -- --attempts N --db postgres|pglite [--rounds R]`: dashboard read latency, from
// rollups (what the pages use) against the plain GROUP BY over raw attempts (`{ source: 'raw' }`), on N
// realistic attempts: 100 projects (skewed), 10 models of the default catalog, 90 days, shots of 1 to 6
// takes. The attempts are generated deterministically chunk by chunk, in time order, and stored by COPY of
// the very rows ingest() makes (prepareAttempts + the price book); then a slice goes through ingest()
// itself (new attempts, resends, late verdicts), the rollups are rebuilt (timed) and folded. Each read is
// what a page's load function calls, with the same arguments, concurrently as the page does: p50 and p95
// over R rounds after a warm-up, next to the same read from raw attempts, and whether both answers are
// identical. Each read starts with the statistics' memos emptied (a first read, the figure that counts),
// and the rollups read is timed once more at once (warm: its statistics remembered). Also: disk size per million attempts, rebuild time, RSS. Ends with a Markdown table.
//
// Options: --attempts N (default 100000), --db postgres|pglite, --rounds R (default 10), --chunk N (rows
// per COPY, default 50000), --fold-every K (fold the rollup deltas every K chunks, default 4),
// --time-zone Z (the workspace's zone, default America/New_York: page ranges then start mid-UTC-day, so
// hour rollups are read too; UTC reads day rollups only), --check (after the reads, checkRollups: every
// stored rollup row and shot against a recomputation from raw attempts, timed), --live-upkeep (keep the
// rollup and shot triggers on during the bulk COPY, folding every --fold-every chunks; by default the
// bulk skips them and the rebuild computes everything, as `npm run rollups:rebuild` does).
// --database NAME: time the reads on a database an earlier run kept (KEEPRATE_BENCH_KEEP=1: the scratch
// database is not dropped, the PGlite data folder not deleted) instead of loading one again; --attempts
// must match it. PostgreSQL: the database's name; PGlite: the data folder's path. --only TEXT: time only
// the reads whose name holds TEXT (e.g. "page"), each still next to its raw GROUP BY.
// PostgreSQL runs in a scratch database `keeprate_benchreads_<time>`, dropped at the end (DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres, is only used to create and drop it); PGlite runs
// in a temporary data folder, as `npm start` runs it.
import { existsSync, readdirSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { clearMemos } from '../src/lib/metrics/memo';
import { shotStatsOfGroups } from '../src/lib/metrics/shots';
import { summarize } from '../src/lib/metrics/summary';
import { dayOf, isValidTimeZone, mondayOfIsoWeek, startOfDay } from '../src/lib/metrics/time-zones';
import { addDays, isoWeekLabel, mondayOf } from '../src/lib/metrics/weeks';
import { addBudget, listBudgets } from '../src/lib/server/budgets';
import { loadPriceBook } from '../src/lib/server/catalog/price-book';
import { openDatabase, type Database, type Db } from '../src/lib/server/db/connection';
import { MAINTENANCE_LIMITS } from '../src/lib/server/db/limits';
import { migrate } from '../src/lib/server/db/migrate';
import { hasAttempts } from '../src/lib/server/queries/has-attempts';
import { ingest, type IngestResult } from '../src/lib/server/ingest';
import { prepareAttempts } from '../src/lib/server/ingest/prepare';
import { openAttemptsCopy } from '../src/lib/server/ingest/store';
import { pageRange } from '../src/lib/server/page-range';
import { listProjects } from '../src/lib/server/queries/projects';
import { overallAdvice, recommendations } from '../src/lib/server/queries/recommendations';
import { shotGroups } from '../src/lib/server/queries/shots';
import { countsByModel, summaryByModel } from '../src/lib/server/queries/summary-by-model';
import { weeklyReview } from '../src/lib/server/queries/weekly-review';
import { countsByWeekAndModel } from '../src/lib/server/queries/weekly-spend-by-model';
import { fold, rowsOf } from '../src/lib/server/rollups/compact';
import { FAMILIES } from '../src/lib/server/rollups/families';
import { checkRollups, rebuildRollups } from '../src/lib/server/rollups/maintain';
import type { ReadOptions } from '../src/lib/server/rollups/read';
import { ensureWorkspace, updateWorkspaceSettings, workspaceTimeZone } from '../src/lib/server/workspaces';

const WORKSPACE = 'bench';
/** $45 an hour, in micro-dollars: the demo's labour rate. */
const LABOR_RATE = 45_000_000;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Generous: a raw GROUP BY over 10 million attempts on 2 busy cores can take minutes. */
const STATEMENT_TIMEOUT_MS = 2 * 3600 * 1000;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const DAYS = 90;

const { values: flags } = parseArgs({
	options: {
		attempts: { type: 'string', default: '100000' },
		db: { type: 'string' },
		rounds: { type: 'string', default: '10' },
		chunk: { type: 'string', default: '50000' },
		'fold-every': { type: 'string', default: '4' },
		'time-zone': { type: 'string', default: 'America/New_York' },
		check: { type: 'boolean', default: false },
		'live-upkeep': { type: 'boolean', default: false },
		database: { type: 'string' },
		only: { type: 'string' }
	}
});
const total = whole('attempts', flags.attempts, 1000);
const rounds = whole('rounds', flags.rounds, 1);
const chunkSize = whole('chunk', flags.chunk, 100);
const foldEvery = whole('fold-every', flags['fold-every'], 1);
const liveUpkeep = Boolean(flags['live-upkeep']);
const reused = flags.database;
const which = flags.db;
if (which !== 'postgres' && which !== 'pglite') fail(`--db must be postgres or pglite, not "${which ?? ''}"`);
if (reused !== undefined && which === 'postgres' && !/^keeprate_benchreads_\d+$/.test(reused))
	fail(
		`--database must name a database kept by an earlier run (keeprate_benchreads_<time>), not "${reused}"`
	);
if (reused !== undefined && which === 'pglite' && !existsSync(join(reused, 'PG_VERSION')))
	fail(`--database must be a PGlite data folder kept by an earlier run, not "${reused}"`);
const timeZone = flags['time-zone']!;
if (!isValidTimeZone(timeZone)) fail(`--time-zone "${timeZone}" is not an IANA time zone`);
const chosen = (read: { name: string }) => !flags.only || read.name.includes(flags.only);
if (which === 'pglite' && total > 1_000_000)
	console.error(`bench:reads: warning: PGlite is meant for up to 1,000,000 attempts, not ${total}`);

function whole(name: string, value: string | undefined, min: number): number {
	const n = Number(value?.replace(/_/g, ''));
	if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number >= ${min}, not "${value}"`);
	return n;
}

function fail(message: string): never {
	console.error(`bench:reads: ${message}`);
	process.exit(2);
}

/** Everything is relative to this instant: the data's 90 days, "today" of the pages, the weekly review. */
const NOW = new Date();

// ---- The data: a deterministic stream of realistic attempts, in time order ----

/** mulberry32: attempt i has the same content in every run with the same N (times move with NOW). */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) | 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** An index drawn by weight (`cumulative`: running sums of the weights), u in [0, 1). */
function weighted(cumulative: number[], u: number): number {
	const target = u * cumulative[cumulative.length - 1];
	let lo = 0;
	let hi = cumulative.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (cumulative[mid] > target) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Fisher-Yates, with the stream's own draws. */
function shuffle<T>(list: T[], r: () => number): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(r() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const cumulate = (weights: number[]) => {
	let sum = 0;
	return weights.map((w) => (sum += w));
};

interface ModelSpec {
	model: string;
	/** Keep rate of a take, before tag effects. */
	keep: number;
	/** For the costs some clients report themselves (near the catalog price). */
	usdPerSecond: number;
	/** Priced sizes in the default catalog (undefined: none sent, for models priced at any size). */
	resolutions: (string | undefined)[];
	/** Generation time per second of output, in seconds. */
	generation: number;
}

/** 10 models of the default catalog: four families with several tiers, and Wan 3.0 alone. */
const MODELS: ModelSpec[] = [
	{
		model: 'veo-3.1-lite-generate-preview',
		keep: 0.3,
		usdPerSecond: 0.05,
		resolutions: ['1280x720', '1280x720', '720x1280', '1920x1080', '1080x1920'],
		generation: 6
	},
	{
		model: 'veo-3.1-fast-generate-preview',
		keep: 0.38,
		usdPerSecond: 0.1,
		resolutions: ['1280x720', '1920x1080', '1920x1080', '1080x1920', '3840x2160'],
		generation: 5
	},
	{
		model: 'veo-3.1-generate-preview',
		keep: 0.5,
		usdPerSecond: 0.4,
		resolutions: ['1280x720', '1920x1080', '1920x1080', '3840x2160'],
		generation: 12
	},
	{
		model: 'kling-v3.0-std',
		keep: 0.32,
		usdPerSecond: 0.084,
		resolutions: ['1280x720', '720x1280', undefined],
		generation: 14
	},
	{
		model: 'kling-v3.0-pro',
		keep: 0.44,
		usdPerSecond: 0.112,
		resolutions: ['1920x1080', '1080x1920'],
		generation: 20
	},
	{
		model: 'ltx-2-fast',
		keep: 0.27,
		usdPerSecond: 0.04,
		resolutions: ['1920x1080', '1920x1080', '2560x1440', '3840x2160'],
		generation: 2
	},
	{
		model: 'ltx-2-pro',
		keep: 0.4,
		usdPerSecond: 0.06,
		resolutions: ['1920x1080', '3840x2160'],
		generation: 4
	},
	{
		model: 'gen4_turbo',
		keep: 0.31,
		usdPerSecond: 0.05,
		resolutions: ['1280x720', '720x1280'],
		generation: 3
	},
	{
		model: 'gen4_aleph',
		keep: 0.43,
		usdPerSecond: 0.15,
		resolutions: ['1280x720', undefined],
		generation: 9
	},
	{
		model: 'wan3.0-video',
		keep: 0.35,
		usdPerSecond: 0.06,
		resolutions: ['832x480', '1280x720', '1920x1080'],
		generation: 8
	}
];
/** Families by model index, cheapest tier first. */
const MODEL_FAMILIES = [[0, 1, 2], [3, 4], [5, 6], [7, 8], [9]];
const FAMILY_OF = MODELS.map((_, m) => MODEL_FAMILIES.find((f) => f.includes(m))!);

const TAGS: { tag: string; weight: number; keep: number; reasons: string[] }[] = [
	{ tag: 'hands', weight: 3, keep: -0.12, reasons: ['extra fingers', 'hands melt'] },
	{ tag: 'face', weight: 3, keep: -0.08, reasons: ['face morphs', 'uncanny eyes'] },
	{ tag: 'motion', weight: 4, keep: -0.05, reasons: ['jittery motion'] },
	{ tag: 'text', weight: 1.5, keep: -0.15, reasons: ['garbled text on the sign'] },
	{ tag: 'lighting', weight: 2, keep: 0.02, reasons: ['flat lighting'] },
	{ tag: 'camera move', weight: 3, keep: -0.04, reasons: ['camera drift'] },
	{ tag: 'b-roll', weight: 4, keep: 0.1, reasons: ['not on brief'] },
	{ tag: 'flicker', weight: 1, keep: -0.1, reasons: ['flicker in the sky'] }
];
const REASONS = ['wrong product colour', 'lip sync off', 'not on brief', 'artifacts at the edges'];
const THEMES = [
	'launch',
	'brand-film',
	'social',
	'product-demo',
	'music-video',
	'trailer',
	'explainer',
	'ad-spot',
	'event-recap',
	'short-film'
];
const PEOPLE = [
	'ana',
	'ben',
	'chloe',
	'dev',
	'eva',
	'farid',
	'gus',
	'hana',
	'ivan',
	'jo',
	'kai',
	'lena',
	'milo',
	'nora',
	'omar',
	'pia',
	'quinn',
	'rosa',
	'sam',
	'tara'
];
const SUBJECTS = [
	'a lighthouse on a cliff',
	'a runner on a wet city street',
	'a steaming coffee cup on a wooden table',
	'a vintage car on a desert road',
	'a dancer in a red dress',
	'a product bottle on a marble plinth',
	'a fox in a snowy forest',
	'two friends laughing at a cafe',
	'a drone view of rice terraces',
	'a chef plating a dessert'
];
const CAMERAS = ['slow dolly in', 'handheld tracking shot', 'static wide shot', 'orbit around the subject'];
const LIGHTS = ['golden hour', 'soft overcast light', 'neon at night', 'harsh noon sun', 'blue hour'];
const STYLES = ['35mm film grain', 'shallow depth of field', 'anamorphic flares', 'clean commercial look'];

interface ProjectSpec {
	slug: string;
	/** Active hours [first, last) of the 90 days, counted from the start. */
	first: number;
	last: number;
	weight: number;
	models: number[];
	modelWeights: number[];
	creators: string[];
	creatorWeights: number[];
	tagWeights: number[];
}

/** 100 projects: a Zipf-like share of the work, a window of activity, 3-4 models and 2-4 creators each. */
function makeProjects(): ProjectSpec[] {
	const hours = DAYS * 24;
	return Array.from({ length: 100 }, (_, p) => {
		const r = random(1000 + p);
		const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)];
		// The ten busiest run the whole 90 days; the others from 2 weeks to the whole range.
		const length = p < 10 ? hours : Math.floor(hours * (0.15 + 0.85 * r()));
		const first = Math.floor((hours - length) * r());
		// Two or three tiers of one family, then other models up to 3 or 4.
		const family = pick(MODEL_FAMILIES.slice(0, 4));
		const models = family.length === 3 && r() < 0.5 ? [...family] : [family[0], family[1]];
		const count = r() < 0.5 ? 3 : 4;
		while (models.length < count) {
			const m = Math.floor(r() * MODELS.length);
			if (!models.includes(m)) models.push(m);
		}
		const people = shuffle(PEOPLE, r).slice(0, 2 + Math.floor(r() * 3));
		const creators = people.map((name) => `${name}@studio.example`);
		if (r() < 0.3) creators.push('pipeline');
		return {
			slug: `${THEMES[p % THEMES.length]}-${String(Math.floor(p / THEMES.length) + 1).padStart(2, '0')}`,
			first,
			last: first + length,
			weight: 1 / Math.pow(p + 1, 0.9),
			models,
			modelWeights: cumulate(models.map((_, i) => [0.4, 0.3, 0.2, 0.1][i])),
			creators,
			creatorWeights: cumulate(creators.map((_, i) => 1 / (i + 1))),
			tagWeights: cumulate(TAGS.map((t) => t.weight * (r() < 0.25 ? 3 : 1)))
		};
	});
}

type Body = Record<string, unknown>;

/**
 * The attempts, one after another in time order. The 90 days are cut into hours, each with a share of the
 * attempts (busier in working hours and on weekdays, growing over the range); each hour starts shots in
 * the projects active then. A shot retakes until a keep, up to 1-6 takes.
 */
class AttemptStream {
	private readonly r = random(42);
	private readonly projects = makeProjects();
	private readonly quotas: number[];
	private readonly start = NOW.getTime() - DAYS * DAY;
	private hour = -1;
	private active: { projects: ProjectSpec[]; weights: number[] } = { projects: [], weights: [] };
	private takes: Body[] = [];
	private seq = 0;
	shots = 0;
	/** The latest attempts stored pending (up to 4000): late verdicts come for these. */
	readonly pending: Body[] = [];

	constructor(count: number) {
		const weights = Array.from({ length: DAYS * 24 }, (_, h) => {
			const at = new Date(this.start + h * HOUR);
			const hourOfDay = (at.getUTCHours() + 24 - 5) % 24;
			const working = hourOfDay >= 9 && hourOfDay < 19 ? 1 : hourOfDay >= 7 && hourOfDay < 23 ? 0.4 : 0.08;
			const weekday = at.getUTCDay() === 0 || at.getUTCDay() === 6 ? 0.35 : 1;
			return working * weekday * (0.7 + (0.6 * h) / (DAYS * 24));
		});
		const sum = weights.reduce((a, b) => a + b, 0);
		let before = 0;
		let acc = 0;
		this.quotas = weights.map((w) => {
			acc += w;
			const upTo = Math.round((count * acc) / sum);
			const quota = upTo - before;
			before = upTo;
			return quota;
		});
	}

	take(count: number): Body[] {
		const out: Body[] = new Array(count);
		for (let i = 0; i < count; i++) out[i] = this.next();
		return out;
	}

	next(): Body {
		if (this.takes.length === 0) this.takes = this.shot().reverse();
		const body = this.takes.pop()!;
		if (body.status === undefined && body.verdict === undefined) {
			this.pending.push(body);
			if (this.pending.length > 4000) this.pending.shift();
		}
		return body;
	}

	private nextHour(): number {
		while (this.hour < this.quotas.length - 1 && (this.hour < 0 || this.quotas[this.hour] <= 0)) {
			// A shot that overran its hour's share takes it from the next hour's.
			if (this.hour >= 0) this.quotas[this.hour + 1] += this.quotas[this.hour];
			this.hour++;
			const projects = this.projects.filter((p) => p.first <= this.hour && this.hour < p.last);
			const list = projects.length > 0 ? projects : this.projects;
			this.active = { projects: list, weights: cumulate(list.map((p) => p.weight)) };
		}
		return this.hour;
	}

	private shot(): Body[] {
		const r = this.r;
		const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)];
		const hour = this.nextHour();
		const project = this.active.projects[weighted(this.active.weights, r())];
		let m = project.models[weighted(project.modelWeights, r())];
		const resolution = pick(MODELS[m].resolutions);
		const duration = pick([4, 5, 5, 6, 8, 8, 10, 12]);
		const tagCount = r() < 0.25 ? 0 : r() < 0.6 ? 1 : 2;
		const tags: number[] = [];
		while (tags.length < tagCount) {
			const t = weighted(project.tagWeights, r());
			if (!tags.includes(t)) tags.push(t);
		}
		const creator = project.creators[weighted(project.creatorWeights, r())];
		const maxTakes = 1 + Math.floor(r() * 6);
		const shotId = `${project.slug}-s${++this.shots}`;
		const prompt =
			`${pick(SUBJECTS)}, ${pick(CAMERAS)}, ${pick(LIGHTS)}, ${pick(STYLES)}` +
			(tags.length > 0 ? `; watch the ${tags.map((t) => TAGS[t].tag).join(' and ')}` : '');
		let at = this.start + hour * HOUR + r() * HOUR;
		const bodies: Body[] = [];
		for (let k = 0; k < maxTakes; k++) {
			const spec = MODELS[m];
			const createdAt = Math.min(at, NOW.getTime() - 1000);
			const id = `att-${++this.seq}`;
			const body: Body = {
				id,
				project: project.slug,
				model: spec.model,
				durationSeconds: duration,
				createdAt: new Date(createdAt).toISOString(),
				shotId,
				tags: tags.map((t) => TAGS[t].tag),
				prompt: `${prompt}. Take ${k + 1}.`,
				creator,
				videoUrl: `https://cdn.example.com/${project.slug}/${id}.mp4`,
				metadata: { seed: Math.floor(r() * 1e9), steps: pick([30, 40, 50]), pipeline: 'v3' }
			};
			if (resolution) body.resolution = resolution;
			if (r() < 0.9) body.generationSeconds = Math.round(spec.generation * duration * (5 + 10 * r())) / 10;
			if (r() < 0.12) body.costUsd = Math.round(spec.usdPerSecond * duration * (95 + 10 * r())) / 100;
			const age = NOW.getTime() - createdAt;
			const pendingChance = age < DAY ? 0.75 : age < 3 * DAY ? 0.4 : age < 7 * DAY ? 0.12 : 0.02;
			let kept = false;
			if (r() < 0.05) {
				body.status = 'failed';
				if (r() < 0.2) body.verdict = 'reject';
			} else if (r() >= pendingChance) {
				const keepRate = spec.keep + tags.reduce((s, t) => s + TAGS[t].keep, 0) + 0.03 * k;
				kept = r() < Math.min(0.9, Math.max(0.05, keepRate));
				body.verdict = kept ? 'keep' : 'reject';
				if (!kept && r() < 0.6)
					body.rejectReason = tags.length > 0 && r() < 0.6 ? pick(TAGS[tags[0]].reasons) : pick(REASONS);
			}
			bodies.push(body);
			if (kept) break;
			// A retake after a couple of rejects sometimes moves up a tier (a "(mixed)" shot).
			const family = FAMILY_OF[m];
			if (k >= 1 && family.indexOf(m) < family.length - 1 && r() < 0.15) m = family[family.indexOf(m) + 1];
			at += (duration * spec.generation + 60 + r() * 600) * 1000;
		}
		this.quotas[hour] -= bodies.length;
		return bodies;
	}
}

// ---- The two engines ----

interface Engine {
	label: string;
	database: Database;
	dataDir?: string;
	close(): Promise<void>;
}

async function pgliteEngine(): Promise<Engine> {
	const dataDir = reused ?? mkdtempSync(join(tmpdir(), 'keeprate-benchreads-'));
	const database = await openDatabase({ dataDir, limits: MAINTENANCE_LIMITS });
	const close = async () => {
		await database.close();
		if (process.env.KEEPRATE_BENCH_KEEP || reused) console.error(`kept the data folder ${dataDir}`);
		else rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await migrate(database);
		await database.db.execute(sql.raw(`set statement_timeout = ${STATEMENT_TIMEOUT_MS}`));
	} catch (error) {
		await close();
		throw error;
	}
	const [row] = rowsOf(await database.db.execute(sql`show server_version`));
	return {
		label: `PGlite (PostgreSQL ${row.server_version}, ${reused ? 'data folder kept by an earlier run' : 'data folder'} ${dataDir})`,
		database,
		dataDir,
		close
	};
}

async function postgresEngine(url: string): Promise<Engine> {
	const admin = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	let version: string;
	try {
		[{ server_version: version }] = await admin<{ server_version: string }[]>`show server_version`;
	} catch (error) {
		await admin.end({ timeout: 1 }).catch(() => {});
		fail(`PostgreSQL at ${redact(url)} is unreachable: ${(error as Error).message}`);
	}
	const name = reused ?? `keeprate_benchreads_${Date.now()}`;
	if (!reused) await admin.unsafe(`create database ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	// Session settings, as startup parameters of every connection of the app's pool.
	target.searchParams.set('statement_timeout', String(STATEMENT_TIMEOUT_MS));
	target.searchParams.set('application_name', 'keeprate-bench-reads');
	const database = await openDatabase({ url: target.toString(), limits: MAINTENANCE_LIMITS });
	const close = async () => {
		await database.close();
		if (process.env.KEEPRATE_BENCH_KEEP || reused) console.error(`kept the scratch database ${name}`);
		else await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end({ timeout: 1 });
	};
	try {
		await migrate(database);
	} catch (error) {
		await close();
		throw error;
	}
	const label = `PostgreSQL ${version} (${redact(url)}, ${reused ? 'database kept by an earlier run' : 'scratch database'} ${name})`;
	return { label, database, close };
}

function redact(url: string): string {
	const u = new URL(url);
	if (u.password) u.password = '***';
	return u.toString();
}

// ---- Loading: COPY in chunks, then a slice through ingest(), then rebuild and fold ----

interface LoadReport {
	bulk: number;
	bulkSeconds: number;
	foldSeconds: number;
	ingest: { accepted: number; duplicates: number; updated: number; sent: number; seconds: number };
	rebuildSeconds: number;
	rebuildGroups: number;
	vacuumSeconds: number;
	peakRss: number;
}

const progress = (() => {
	let last = 0;
	return (line: string, force = false) => {
		const now = performance.now();
		if (!force && now - last < (process.stderr.isTTY ? 250 : 5000)) return;
		last = now;
		process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}${force ? '\n' : ''}` : `${line}\n`);
	};
})();

async function load(db: Db, stream: AttemptStream): Promise<LoadReport> {
	const slice = Math.min(5000, Math.floor(total * 0.05));
	const bulk = total - slice;
	const book = await loadPriceBook(db, WORKSPACE);
	let peakRss = process.memoryUsage().rss;
	let foldMs = 0;
	let sent = 0;
	let storing: Promise<void> | undefined;
	// The bulk skips the upkeep of rollups, reject reasons and shots (rebuildRollups below recomputes them
	// from raw attempts, with the same code as `npm run rollups:rebuild`); --live-upkeep keeps it, as a live
	// server would.
	const upkeep = sql.raw('trigger attempts_upkeep_inserted');
	if (!liveUpkeep) await db.execute(sql`alter table attempts disable ${upkeep}`);
	const started = performance.now();
	for (let chunk = 1; sent < bulk; chunk++) {
		const size = Math.min(chunkSize, bulk - sent);
		// Made while the server stores the chunk before (PostgreSQL); the same rows ingest() would store.
		const rows = prepareAttempts(WORKSPACE, stream.take(size), book, NOW);
		await storing;
		// With the triggers off there is nothing to fold.
		if (liveUpkeep && chunk > 1 && (chunk - 1) % foldEvery === 0) {
			const t = performance.now();
			await fold(db);
			foldMs += performance.now() - t;
		}
		const copy = await openAttemptsCopy(db);
		await copy.write(rows);
		storing = copy.end();
		sent += size;
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
		const seconds = (performance.now() - started) / 1000;
		const rate = sent / seconds;
		progress(
			`  COPY: ${count(sent)} / ${count(bulk)} attempts, ${count(Math.round(rate))} att/s, ` +
				`ETA ${duration((bulk - sent) / rate)}, RSS ${mb(peakRss)}`
		);
	}
	await storing;
	if (!liveUpkeep) await db.execute(sql`alter table attempts enable ${upkeep}`);
	const bulkSeconds = (performance.now() - started) / 1000;
	progress(
		`  COPY: ${count(bulk)} attempts in ${duration(bulkSeconds)} (${count(Math.round(bulk / bulkSeconds))} att/s` +
			(liveUpkeep ? `, folds ${duration(foldMs / 1000)} of it)` : ', upkeep triggers off)'),
		true
	);

	// The live path: new attempts in batches of 500, then resends (duplicates) and late verdicts (updates).
	const late = stream.pending.slice(-2000);
	const fresh = stream.take(slice);
	const r = random(7);
	// Resent as sent (a client retrying): a tenth of the new ones, and some of the pending ones loaded.
	const lateSame = Math.min(250, late.length >> 3);
	const again = [...fresh.slice(0, Math.ceil(fresh.length / 10)), ...late.slice(0, lateSame)];
	// The other pending ones get their verdict: the same attempt resent with it.
	const verdicts = late
		.slice(lateSame)
		.map((b) =>
			r() < 0.4 ? { ...b, verdict: 'keep' } : { ...b, verdict: 'reject', rejectReason: 'not on brief' }
		);
	const resends = shuffle([...again, ...verdicts], r);
	const ingested: IngestResult = { accepted: 0, duplicates: 0, updated: 0 };
	const t0 = performance.now();
	for (const list of [fresh, resends]) {
		for (let i = 0; i < list.length; i += 500) {
			const result = await ingest(db, WORKSPACE, { attempts: list.slice(i, i + 500) }, new Date());
			ingested.accepted += result.accepted;
			ingested.duplicates += result.duplicates;
			ingested.updated += result.updated;
		}
	}
	const ingestSeconds = (performance.now() - t0) / 1000;
	const expected = { accepted: fresh.length, duplicates: again.length, updated: verdicts.length };
	const outcome = `${ingested.accepted} new, ${ingested.duplicates} duplicates, ${ingested.updated} late verdicts`;
	progress(`  ingest(): ${outcome} in ${duration(ingestSeconds)}`, true);
	if (JSON.stringify(ingested) !== JSON.stringify(expected))
		console.error(`bench:reads: warning: ingest() expected ${JSON.stringify(expected)}`);

	const t1 = performance.now();
	const rebuildGroups = await rebuildRollups(db);
	const rebuildSeconds = (performance.now() - t1) / 1000;
	await fold(db);
	progress(`  rebuildRollups: ${count(rebuildGroups)} deltas folded in ${duration(rebuildSeconds)}`, true);
	// As autovacuum leaves a live database: statistics for the planner, dead rows of the rebuild reclaimed.
	const t2 = performance.now();
	for (const { tables } of TABLE_GROUPS)
		for (const table of tables) await db.execute(sql.raw(`vacuum analyze ${table}`));
	await db.execute(sql`vacuum analyze projects`);
	const vacuumSeconds = (performance.now() - t2) / 1000;
	return {
		bulk,
		bulkSeconds,
		foldSeconds: foldMs / 1000,
		ingest: { ...ingested, sent: fresh.length + resends.length, seconds: ingestSeconds },
		rebuildSeconds,
		rebuildGroups,
		vacuumSeconds,
		peakRss: Math.max(peakRss, process.memoryUsage().rss)
	};
}

// ---- The reads: each page's load, with the same calls and arguments ----

type Source = 'rollups' | 'raw';

interface Read {
	name: string;
	run(options: ReadOptions | undefined): Promise<unknown>;
}

/** What the pages pass (nothing: rollups), or the plain GROUP BY over raw attempts. */
const optionsOf = (source: Source): ReadOptions | undefined =>
	source === 'raw' ? { source: 'raw' } : undefined;

function reads(db: Db, busiest: string, tag: string): Read[] {
	const url = (query = '') => new URL(`http://keeprate.local/${query}`);
	const today = dayOf(NOW, timeZone);
	const lastDays = (days: number) =>
		pageRange(url(`?from=${addDays(today, -(days - 1))}`), timeZone, NOW).filters;
	const summaryRead = (name: string, filters: ReturnType<typeof lastDays>): Read => ({
		name,
		run: (o) => summaryByModel(db, WORKSPACE, filters, o)
	});
	const recommendationsRead = (name: string, laborRate?: number): Read => ({
		name,
		run: async (o) => {
			const zone = await workspaceTimeZone(db, WORKSPACE);
			const range = pageRange(url(), zone, NOW);
			// As the page: the counts per model read once, for the pairs and the models' summary.
			const byModel = countsByModel(db, WORKSPACE, range.filters, o);
			const [pairs, summary, projects, anyAttempts] = await Promise.all([
				recommendations(db, WORKSPACE, range.filters, { whatIf: 'project', ...o, laborRate, byModel }),
				byModel.then((counts) => summarize(counts)),
				listProjects(db, WORKSPACE, o),
				hasAttempts(db, WORKSPACE)
			]);
			return { pairs, summary, projects, anyAttempts };
		}
	});
	return [
		summaryRead('summary 30 d', lastDays(30)),
		summaryRead(`summary 30 d, tag "${tag}"`, { ...lastDays(30), tag: [tag] }),
		summaryRead('summary 90 d', lastDays(90)),
		summaryRead(`summary 90 d, tag "${tag}"`, { ...lastDays(90), tag: [tag] }),
		// GET /api/v1/summary without parameters: all time.
		summaryRead('summary all time (API default)', {}),
		{
			name: 'overview page',
			run: async (o) => {
				const zone = await workspaceTimeZone(db, WORKSPACE);
				const range = pageRange(url(), zone, NOW);
				const [summary, weekly, projects, anyAttempts] = await Promise.all([
					summaryByModel(db, WORKSPACE, range.filters, o),
					countsByWeekAndModel(db, WORKSPACE, range.filters, zone, o),
					listProjects(db, WORKSPACE, o),
					hasAttempts(db, WORKSPACE)
				]);
				return { summary, weekly, projects, anyAttempts };
			}
		},
		recommendationsRead('recommendations page'),
		// The same page with a labour rate: each listed segment's all-in advice and the all-in what-if too.
		recommendationsRead('recommendations page, labour rate', LABOR_RATE),
		{
			name: 'shots page',
			run: async (o) => {
				const zone = await workspaceTimeZone(db, WORKSPACE);
				const range = pageRange(url(), zone, NOW);
				const [rows, summary, projects, anyAttempts] = await Promise.all([
					shotGroups(db, WORKSPACE, range.filters, o),
					summaryByModel(db, WORKSPACE, range.filters, o),
					listProjects(db, WORKSPACE, o),
					hasAttempts(db, WORKSPACE)
				]);
				return {
					shots: shotStatsOfGroups(rows),
					attemptsInShots: rows.reduce((sum, r) => sum + r.takes, 0),
					summary,
					projects,
					anyAttempts
				};
			}
		},
		{
			name: 'weekly review page',
			run: async (o) => {
				const zone = await workspaceTimeZone(db, WORKSPACE);
				const week = isoWeekLabel(mondayOf(dayOf(NOW, zone)));
				const monday = mondayOfIsoWeek(week)!;
				const first = addDays(monday, -7 * 7);
				const history = { from: startOfDay(first, zone), to: startOfDay(addDays(monday, 7), zone) };
				// As the page: the review's two weeks taken from the charts' weeks.
				const weeks = countsByWeekAndModel(db, WORKSPACE, history, zone, o);
				const [review, counts, budgets, projects] = await Promise.all([
					weeklyReview(db, WORKSPACE, week, undefined, NOW, { ...o, weeks }),
					weeks,
					listBudgets(db, WORKSPACE),
					listProjects(db, WORKSPACE, o)
				]);
				return { review, counts, budgets, projects };
			}
		},
		{
			name: `project report page (${busiest})`,
			run: async (o) => {
				const [zone, projects] = await Promise.all([
					workspaceTimeZone(db, WORKSPACE),
					listProjects(db, WORKSPACE, o)
				]);
				const project = projects.find((p) => p.slug === busiest);
				if (!project) throw new Error(`no project ${busiest}`);
				const range = pageRange(url(), zone, NOW);
				const filters = { from: range.filters.from, to: range.filters.to, project: project.slug };
				const [summary, weekly, shots, advice] = await Promise.all([
					summaryByModel(db, WORKSPACE, filters, o),
					countsByWeekAndModel(db, WORKSPACE, filters, zone, o),
					shotGroups(db, WORKSPACE, filters, o),
					overallAdvice(db, WORKSPACE, filters, o)
				]);
				return { project, summary, weekly, shots: shotStatsOfGroups(shots), advice };
			}
		}
	];
}

/** Arrays sorted (stably, by their elements' JSON), object keys sorted, dates as ISO strings. */
function canonical(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) {
		return value
			.map((v) => {
				const c = canonical(v);
				return { c, key: JSON.stringify(c) ?? '' };
			})
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
			.map((e) => e.c);
	}
	if (value !== null && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		return Object.fromEntries(
			Object.keys(object)
				.sort()
				.map((k) => [k, canonical(object[k])])
		);
	}
	return value;
}

/** The first place where two canonical answers differ, for the report. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
	if (JSON.stringify(a) === JSON.stringify(b)) return null;
	if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
		if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)
			return `${path || '.'}: ${a.length} elements from rollups, ${b.length} raw`;
		const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
		for (const k of keys) {
			const found = firstDifference(
				(a as Record<string, unknown>)[k],
				(b as Record<string, unknown>)[k],
				`${path}${Array.isArray(a) ? `[${k}]` : `.${k}`}`
			);
			if (found) return found;
		}
	}
	const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 200);
	return `${path || '.'}: rollups ${show(a)}, raw ${show(b)}`;
}

interface Measured {
	name: string;
	/** Reads from rollups with the statistics' memos emptied first (metrics/memo.ts): a first read. */
	cold: number[];
	/** The same read again at once: its statistics remembered. */
	rollups: number[];
	raw: number[];
	identical: boolean;
	difference?: string;
}

async function measure(read: Read): Promise<Measured> {
	const result: Measured = { name: read.name, cold: [], rollups: [], raw: [], identical: true };
	const timed = async (source: Source) => {
		const t = performance.now();
		const answer = await read.run(optionsOf(source));
		return { answer: canonical(answer), elapsed: performance.now() - t };
	};
	for (let round = 0; round <= rounds; round++) {
		// Round 0 warms up; the order alternates, so that neither always runs on the other's cache.
		const order: Source[] = round % 2 === 0 ? ['rollups', 'raw'] : ['raw', 'rollups'];
		const answers: Partial<Record<Source, unknown>> = {};
		for (const source of order) {
			// Every read starts without remembered statistics; the rollups read is then timed again warm.
			clearMemos();
			const { answer, elapsed } = await timed(source);
			answers[source] = answer;
			if (round === 0) continue;
			if (source === 'raw') {
				result.raw.push(elapsed);
				continue;
			}
			result.cold.push(elapsed);
			const warm = await timed(source);
			result.rollups.push(warm.elapsed);
			const drift = firstDifference(answer, warm.answer);
			if (drift) {
				result.identical = false;
				result.difference ??= `round ${round}, warm against cold: ${drift}`;
			}
		}
		const difference = firstDifference(answers.rollups, answers.raw);
		if (difference) {
			result.identical = false;
			result.difference ??= `round ${round}: ${difference}`;
		}
		progress(`  ${read.name}: round ${round}/${rounds}`);
	}
	const cold = percentile(result.cold, 50);
	const raw = percentile(result.raw, 50);
	progress(
		`  ${read.name}: rollups p50 ${ms(cold)} (warm ${ms(percentile(result.rollups, 50))}), ` +
			`raw p50 ${ms(raw)} (${ratio(raw, cold)}), ` +
			`identical: ${result.identical ? 'yes' : 'no'}`,
		true
	);
	return result;
}

// ---- Sizes, memory, formatting ----

/** The tables measured, in groups: raw attempts, and each kind of rollups with its delta table. */
const TABLE_GROUPS: { label: string; tables: string[] }[] = [
	{ label: 'attempts (with indexes)', tables: ['attempts'] },
	...FAMILIES.map((f) => ({
		label: f.name === 'shots' ? `shots + ${f.rollups} + ${f.deltas}` : `${f.rollups} + ${f.deltas}`,
		tables: f.name === 'shots' ? ['shots', f.rollups, f.deltas] : [f.rollups, f.deltas]
	}))
];

interface Sizes {
	groups: { label: string; bytes: number; rows: number[] }[];
	database: number;
	/** PGlite: its data folder, and the write-ahead log in it (recycled, up to max_wal_size). */
	folder?: { bytes: number; wal: number; maxWal: string };
}

async function sizes(engine: Engine): Promise<Sizes> {
	const { db } = engine.database;
	const groups: Sizes['groups'] = [];
	for (const { label, tables } of TABLE_GROUPS) {
		let bytes = 0;
		const rows: number[] = [];
		for (const table of tables) {
			const [row] = rowsOf(
				await db.execute(
					sql`select coalesce(pg_total_relation_size(to_regclass(${table})), 0)::bigint as bytes`
				)
			);
			bytes += Number(row.bytes);
			const [counted] = rowsOf(await db.execute(sql.raw(`select count(*)::bigint as n from ${table}`)));
			rows.push(Number(counted.n));
		}
		groups.push({ label, bytes, rows });
	}
	const [row] = rowsOf(
		await db.execute(sql`select pg_database_size(current_database())::bigint as bytes,
			current_setting('max_wal_size') as max_wal`)
	);
	return {
		groups,
		database: Number(row.bytes),
		folder: engine.dataDir
			? {
					bytes: folderSize(engine.dataDir),
					wal: folderSize(join(engine.dataDir, 'pg_wal')),
					maxWal: String(row.max_wal)
				}
			: undefined
	};
}

/** Bytes on disk under a folder. */
function folderSize(dir: string): number {
	let bytes = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) bytes += folderSize(path);
		else {
			const st = lstatSync(path);
			bytes += st.blocks ? st.blocks * 512 : st.size;
		}
	}
	return bytes;
}

/** Node's gc(), without --expose-gc on the command line. */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const count = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (t: number) =>
	t < 10 ? `${t.toFixed(2)} ms` : t < 1000 ? `${t.toFixed(1)} ms` : `${(t / 1000).toFixed(2)} s`;
const ratio = (raw: number, rollups: number) => `${(raw / rollups).toFixed(raw / rollups < 10 ? 2 : 1)}x`;

function duration(seconds: number): string {
	if (!Number.isFinite(seconds)) return '?';
	if (seconds < 60) return `${seconds.toFixed(1)} s`;
	const m = Math.floor(seconds / 60);
	return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

// ---- The run ----

async function shape(db: Db) {
	const [row] = rowsOf(
		await db.execute(sql`select count(*)::bigint as attempts, count(distinct shot_id)::bigint as shots,
			count(distinct project)::int as projects, count(distinct model)::int as models,
			count(distinct creator)::int as creators,
			(count(*) filter (where status = 'failed'))::bigint as failed,
			(count(*) filter (where status = 'succeeded' and verdict = 'pending'))::bigint as pending,
			(count(*) filter (where status = 'succeeded' and verdict = 'keep'))::bigint as kept,
			(count(*) filter (where cost_source = 'reported'))::bigint as reported,
			min(created_at) as first, max(created_at) as last
			from attempts where workspace_id = ${WORKSPACE}`)
	);
	const [busy] = rowsOf(
		await db.execute(sql`select project, count(*)::bigint as attempts from attempts
			where workspace_id = ${WORKSPACE} group by project order by 2 desc, 1 limit 1`)
	);
	const n = Number(row.attempts);
	const share = (k: unknown) => `${((100 * Number(k)) / n).toFixed(1)}%`;
	const line =
		`${count(n)} attempts in ${count(Number(row.shots))} shots, ${row.projects} projects, ${row.models} models, ` +
		`${row.creators} creators, ${String(row.first).slice(0, 10)} to ${String(row.last).slice(0, 10)}; ` +
		`failed ${share(row.failed)}, kept ${share(row.kept)}, pending ${share(row.pending)}, ` +
		`cost reported ${share(row.reported)}; busiest project ${busy.project} (${count(Number(busy.attempts))} attempts)`;
	return { line, busiest: String(busy.project) };
}

async function run(engine: Engine): Promise<void> {
	const started = performance.now();
	const { db } = engine.database;
	console.error(`${engine.label}: ${count(total)} attempts, ${rounds} round(s) + warm-up`);
	let empty: Sizes | undefined;
	let loaded: LoadReport | undefined;
	if (!reused) {
		await ensureWorkspace(db, WORKSPACE, 'Bench');
		await updateWorkspaceSettings(db, WORKSPACE, { timeZone });
		await addBudget(db, WORKSPACE, {
			project: '',
			period: 'week',
			amountUsd: Math.max(100, Math.round(total / 50)),
			startsOn: addDays(dayOf(NOW, timeZone), -120)
		});
		empty = await sizes(engine);
		loaded = await load(db, new AttemptStream(total));
	}
	const rssLoaded = process.memoryUsage().rss;
	const data = await shape(db);
	const size = await sizes(engine);
	// PGlite has no checkpointer: its write-ahead log grows until someone runs CHECKPOINT.
	let walAfterCheckpoint: number | undefined;
	if (engine.dataDir) {
		await db.execute(sql`checkpoint`);
		walAfterCheckpoint = folderSize(join(engine.dataDir, 'pg_wal'));
	}
	const loadSeconds = (performance.now() - started) / 1000;
	console.error(`  ${data.line}`);

	const results: Measured[] = [];
	for (const read of reads(db, data.busiest, 'hands').filter(chosen)) results.push(await measure(read));

	let checked = '';
	if (flags.check) {
		const t = performance.now();
		const drift = await checkRollups(db);
		const rows = drift.reduce((sum, d) => sum + d.rows, 0);
		checked =
			`checkRollups: ${duration((performance.now() - t) / 1000)}, ` +
			(drift.length === 0
				? 'no drift'
				: `${rows} differing rows: ${drift.map((d) => `${d.table} ${d.cuboid ?? ''}/${d.grain ?? ''} ${d.rows}`).join(', ')}`);
		progress(`  ${checked}`, true);
	}

	collectGarbage();
	await new Promise((resolve) => setTimeout(resolve, 2000));
	collectGarbage();
	const rssRest = process.memoryUsage().rss;
	const perMillion = (bytes: number) => mb(bytes / (total / 1e6));

	const out: string[] = [];
	out.push('', engine.label);
	out.push(`data: ${data.line}; workspace time zone ${timeZone}`);
	if (loaded) {
		out.push(
			`load: COPY of ${count(loaded.bulk)} prepared attempts in chunks of ${count(chunkSize)}: ` +
				`${duration(loaded.bulkSeconds)} (${count(Math.round(loaded.bulk / loaded.bulkSeconds))} att/s, ` +
				(liveUpkeep
					? `rollup and shot triggers on, folding every ${foldEvery} chunk(s) included: ${duration(loaded.foldSeconds)}`
					: 'upkeep triggers off: the rebuild computes the rollups') +
				'); ingest(): ' +
				`${count(loaded.ingest.sent)} attempts sent (${loaded.ingest.accepted} new, ${loaded.ingest.duplicates} ` +
				`duplicates, ${loaded.ingest.updated} late verdicts) in ${duration(loaded.ingest.seconds)}`
		);
		out.push(
			`rebuildRollups: ${duration(loaded.rebuildSeconds)} (${count(loaded.rebuildGroups)} deltas folded); ` +
				`vacuum analyze ${duration(loaded.vacuumSeconds)}; whole load ${duration(loadSeconds)}`
		);
	} else {
		out.push(`load: none, the database was loaded by an earlier run`);
	}
	out.push(
		`disk per million attempts (total; rows): ` +
			size.groups
				.map(
					(g) => `${g.label} ${perMillion(g.bytes)} (${mb(g.bytes)}; ${g.rows.map(count).join(' + ')} rows)`
				)
				.join(', ') +
			`; whole database ${perMillion(size.database - (empty?.database ?? 0))} (${mb(size.database)}` +
			(empty ? `, ${mb(empty.database)} empty)` : ')') +
			(size.folder && empty?.folder
				? `; data folder without pg_wal ${perMillion(size.folder.bytes - size.folder.wal - (empty.folder.bytes - empty.folder.wal))} ` +
					`(${mb(size.folder.bytes - size.folder.wal)}, ${mb(empty.folder.bytes - empty.folder.wal)} empty), ` +
					`plus pg_wal ${mb(size.folder.wal)} (${mb(empty.folder.wal)} empty; ${mb(walAfterCheckpoint!)} after a CHECKPOINT, ` +
					`max_wal_size ${size.folder.maxWal})`
				: '')
	);
	if (checked) out.push(checked);
	out.push(
		`RSS of this process (${which === 'pglite' ? 'the database included' : 'the database server not included'}): ` +
			(loaded ? `peak during load ${mb(loaded.peakRss)}, after load ${mb(rssLoaded)}, ` : '') +
			`at rest after the reads ${mb(rssRest)}`
	);
	out.push(
		`reads: p50 / p95 of ${rounds} round(s) after a warm-up, each page's queries run concurrently as its load ` +
			`runs them; rollups = a first read, the statistics' memos emptied before it; warm = the same read again ` +
			`at once, its statistics remembered; ratio = raw p50 / rollups p50; identical = all answers deep-equal ` +
			`(arrays sorted)`
	);
	out.push('');
	out.push('| read | rollups p50 / p95 | warm p50 / p95 | raw GROUP BY p50 / p95 | ratio | identical |');
	out.push('| --- | --: | --: | --: | --: | :-: |');
	for (const r of results) {
		const [c50, c95, w50, w95, b50, b95] = [
			percentile(r.cold, 50),
			percentile(r.cold, 95),
			percentile(r.rollups, 50),
			percentile(r.rollups, 95),
			percentile(r.raw, 50),
			percentile(r.raw, 95)
		];
		out.push(
			`| ${r.name} | ${ms(c50)} / ${ms(c95)} | ${ms(w50)} / ${ms(w95)} | ${ms(b50)} / ${ms(b95)} | ` +
				`${ratio(b50, c50)} | ${r.identical ? 'yes' : 'no'} |`
		);
	}
	const differing = results.filter((r) => !r.identical);
	if (differing.length > 0) {
		out.push('', 'not identical:');
		for (const r of differing) out.push(`- ${r.name}: ${r.difference}`);
	}
	out.push('', `total run time ${duration((performance.now() - started) / 1000)}`);
	console.log(out.join('\n'));
}

if (!reads(undefined as unknown as Db, '', '').some(chosen)) fail(`--only "${flags.only}" names no read`);
const engine =
	which === 'pglite' ? await pgliteEngine() : await postgresEngine(process.env.DATABASE_URL || DEFAULT_URL);
// Ctrl-C still drops the scratch database (or deletes the data folder).
const interrupted = () => void engine.close().finally(() => process.exit(130));
process.once('SIGINT', interrupted);
let status = 0;
try {
	await run(engine);
} catch (error) {
	status = 1;
	console.error('bench:reads failed:', error);
} finally {
	process.off('SIGINT', interrupted);
	await engine.close();
}
process.exit(status);
