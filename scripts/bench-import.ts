// `npm run bench:import [-- --lines N --db pglite|postgres]`: a CSV file of N attempts streamed to
// POST /api/v1/imports of a real server (the built app), against the baseline of the same attempts sent
// to POST /api/v1/attempts as JSON batches of 1000 (the path the import feeds), side by side. Prints lines
// per second for both, their ratio, and the server's resident memory before and at its peak (VmHWM, read
// from /proc) during each run: the import streams, so its memory stays flat whatever N is. Each contender
// runs in a fresh server and database (a temporary PGlite folder, or a scratch PostgreSQL database dropped
// at the end; DATABASE_URL only creates and drops it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';

const KEY = 'kr_bench_import_0123456789abcdefghijklmno';
const { values: flags } = parseArgs({
	options: { lines: { type: 'string', default: '200000' }, db: { type: 'string', default: 'pglite' } }
});
const lines = Number(flags.lines);
if (!Number.isInteger(lines) || lines < 1000)
	fail(`--lines must be a whole number >= 1000, not "${flags.lines}"`);
if (!['pglite', 'postgres'].includes(flags.db!)) fail(`--db must be pglite or postgres, not "${flags.db}"`);
if (!existsSync('build/index.js')) fail('no build: run `npm run build` first');

function fail(message: string): never {
	console.error(`bench:import: ${message}`);
	process.exit(2);
}

const MODELS = ['sora-2', 'sora-2-pro', 'kling-v3.0-std', 'kling-v3.0-pro'];
const PROJECTS = ['launch', 'brand-film', 'social-q4', 'product_demo'];
const TAGS = ['close-up', 'fine-texture', 'high-motion', 'b-roll'];

/** Attempt i, deterministic: the same attempts for both contenders. */
function attempt(i: number) {
	const verdict = ['keep', 'reject', 'reject', 'pending'][i % 4];
	return {
		id: `bench-${i}`,
		project: PROJECTS[i % PROJECTS.length],
		model: MODELS[(i >> 2) % MODELS.length],
		durationSeconds: 4 + (i % 3) * 4,
		resolution: '1280x720',
		verdict,
		...(verdict === 'reject' ? { rejectReason: 'warped hands, again' } : {}),
		tags: [TAGS[i % TAGS.length], TAGS[(i >> 3) % TAGS.length]].filter((t, k, a) => a.indexOf(t) === k),
		shotId: `shot-${i >> 2}`,
		createdAt: new Date(Date.UTC(2026, 8, 1) + (i % 60) * 86_400_000 + (i % 86_400) * 1000).toISOString()
	};
}

const CSV_HEADER = 'id,project,model,durationSeconds,resolution,verdict,rejectReason,tags,shotId,createdAt\n';
const csvLine = (a: ReturnType<typeof attempt>) =>
	`${a.id},${a.project},${a.model},${a.durationSeconds},${a.resolution},${a.verdict},${a.rejectReason ? `"${a.rejectReason}"` : ''},${a.tags.join(';')},${a.shotId},${a.createdAt}\n`;

/** The CSV made as it is read, 1000 lines at a time: the client never holds the file either. */
function csvStream(): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let next = 0;
	return new ReadableStream({
		pull(controller) {
			let chunk = next === 0 ? CSV_HEADER : '';
			for (let k = 0; k < 1000 && next < lines; k++, next++) chunk += csvLine(attempt(next));
			controller.enqueue(encoder.encode(chunk));
			if (next >= lines) controller.close();
		}
	});
}

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

const memoryOf = (pid: number, field: 'VmRSS' | 'VmHWM') => {
	const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : NaN;
};

interface Server {
	url: string;
	child: ChildProcess;
	stop: () => Promise<void>;
}

async function startServer(): Promise<Server> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'keeprate-bench-import-'));
	let databaseUrl = '';
	let drop = async () => {};
	if (flags.db === 'postgres') {
		const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
		const name = `keeprate_bench_import_${Date.now()}`;
		const sql = postgres(admin, { max: 1, onnotice: () => {} });
		await sql.unsafe(`create database ${name}`);
		await sql.end();
		const url = new URL(admin);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		drop = async () => {
			const again = postgres(admin, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		};
	}
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			BODY_SIZE_LIMIT: '1G',
			KEEPRATE_DATA_DIR: join(dir, 'db'),
			KEEPRATE_INIT_API_KEY: KEY,
			KEEPRATE_RATE_LIMIT: '0',
			DATABASE_URL: databaseUrl
		},
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	for (;;) {
		const ok = await fetch(`${url}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		if (child.exitCode !== null) fail('the server exited at start-up');
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		child,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
			rmSync(dir, { recursive: true, force: true });
			await drop();
		}
	};
}

interface Result {
	seconds: number;
	stored: number;
	rssBeforeMb: number;
	peakMb: number;
}

async function measure(send: (server: Server) => Promise<number>): Promise<Result> {
	const server = await startServer();
	try {
		const pid = server.child.pid!;
		const rssBeforeMb = memoryOf(pid, 'VmRSS');
		const started = performance.now();
		const stored = await send(server);
		const seconds = (performance.now() - started) / 1000;
		return { seconds, stored, rssBeforeMb, peakMb: memoryOf(pid, 'VmHWM') };
	} finally {
		await server.stop();
	}
}

const headers = { authorization: `Bearer ${KEY}` };

async function viaImport(server: Server): Promise<number> {
	const response = await fetch(`${server.url}/api/v1/imports`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'text/csv' },
		body: csvStream(),
		duplex: 'half'
	} as RequestInit);
	const report = (await response.json()) as { accepted: number; refusedCount: number };
	if (response.status !== 200 || report.refusedCount > 0)
		fail(`import answered ${response.status}: ${JSON.stringify(report).slice(0, 300)}`);
	return report.accepted;
}

async function viaBatches(server: Server): Promise<number> {
	let stored = 0;
	for (let from = 0; from < lines; from += 1000) {
		const batch = [];
		for (let i = from; i < Math.min(from + 1000, lines); i++) batch.push(attempt(i));
		const response = await fetch(`${server.url}/api/v1/attempts`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ attempts: batch })
		});
		const result = (await response.json()) as { accepted: number };
		if (response.status !== 200)
			fail(`a batch answered ${response.status}: ${JSON.stringify(result).slice(0, 300)}`);
		stored += result.accepted;
	}
	return stored;
}

console.log(
	`bench:import: ${lines.toLocaleString('en')} attempts on ${flags.db}, a fresh server and database each`
);
const baseline = await measure(viaBatches);
const ours = await measure(viaImport);
for (const r of [baseline, ours]) if (r.stored !== lines) fail(`stored ${r.stored} of ${lines}`);
const rate = (r: Result) => lines / r.seconds;
const row = (name: string, r: Result) =>
	`| ${name.padEnd(38)} | ${Math.round(rate(r)).toLocaleString('en').padStart(8)} /s | ${r.seconds.toFixed(1).padStart(7)} s | ${r.rssBeforeMb.toFixed(0).padStart(6)} MB | ${r.peakMb.toFixed(0).padStart(6)} MB |`;
console.log('| path                                   | lines/s     | time      | RSS idle  | RSS peak  |');
console.log('| -------------------------------------- | ----------- | --------- | --------- | --------- |');
console.log(row('JSON batches of 1000 (baseline)', baseline));
console.log(row('CSV import, streamed', ours));
console.log(`import / baseline: ${(rate(ours) / rate(baseline)).toFixed(2)}x`);
