// Issue 12: a PostgreSQL server that stops answering (frozen, or a network that drops every packet) must
// not hang requests. keeprate reaches its own database through a proxy that the test pauses (bytes held,
// sockets kept open) and resumes; the shared server itself is never touched.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import postgres from 'postgres';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp, type HttpUser } from '../setup/session';

const SHARED = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'keeprate_stall';

interface PausableProxy {
	port: number;
	/** Stop forwarding bytes both ways, keeping every socket open: a frozen server, as clients see it. */
	pause(): void;
	/** Deliver what was held, in order, and forward again. */
	resume(): void;
	close(): Promise<void>;
}

async function pausableProxy(host: string, port: number): Promise<PausableProxy> {
	let paused = false;
	const held: (() => void)[] = [];
	const sockets = new Set<Socket>();
	const deliver = (action: () => void) => (paused ? held.push(action) : action());
	const forward = (from: Socket, to: Socket) => {
		sockets.add(from);
		from.on('data', (chunk) => deliver(() => to.write(chunk)));
		from.on('error', () => {});
		from.on('close', () => {
			sockets.delete(from);
			deliver(() => to.end());
		});
	};
	const server = createServer((client) => {
		const upstream = connect(port, host);
		forward(client, upstream);
		forward(upstream, client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		pause: () => {
			paused = true;
		},
		resume: () => {
			paused = false;
			for (const action of held.splice(0)) action();
		},
		close: async () => {
			paused = false;
			held.length = 0;
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

const attempt = (id: string) => ({
	id,
	project: 'stall',
	model: 'sora-2-pro',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z'
});
const batch = (prefix: string) => ({ attempts: [1, 2, 3].map((n) => attempt(`${prefix}-${n}`)) });

let admin: postgres.Sql;
let proxy: PausableProxy;
let server: TestServer;

beforeAll(async () => {
	admin = postgres(SHARED, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin.unsafe(`create database ${NAME}`);
	const shared = new URL(SHARED);
	proxy = await pausableProxy(shared.hostname, Number(shared.port || 5432));
	const through = new URL(SHARED);
	through.host = `127.0.0.1:${proxy.port}`;
	through.pathname = `/${NAME}`;
	server = await startServer({ env: { DATABASE_URL: through.toString() } });
});

afterAll(async () => {
	await server?.stop();
	await proxy?.close();
	await admin?.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin?.end({ timeout: 1 });
});

/** A request (with the API key, or as a signed-in user), its body, and how long the whole answer took. */
async function timed(
	path: string,
	init?: RequestInit,
	user?: HttpUser
): Promise<{ response: Response; body: string; ms: number }> {
	const started = performance.now();
	const response = await (user ? user.get(path) : server.api(path, init));
	const body = await response.text();
	return { response, body, ms: Math.round(performance.now() - started) };
}

const ingest = (body: unknown) => timed('/api/v1/attempts', { method: 'POST', body: JSON.stringify(body) });
const summary = () => timed('/api/v1/summary?project=stall&from=2026-09-01&to=2026-09-02');

/** The attempts stored in the app's database, by id, read past the proxy. */
async function storedIds(): Promise<string[]> {
	const url = new URL(SHARED);
	url.pathname = `/${NAME}`;
	const own = postgres(url.toString(), { max: 1, onnotice: () => {} });
	try {
		const rows = await own<{ id: string }[]>`select id from attempts where project = 'stall' order by id`;
		return rows.map((r) => r.id);
	} finally {
		await own.end({ timeout: 1 });
	}
}

/** The attempts the summary counts (from rollups and raw edges). */
async function summedAttempts(): Promise<number> {
	const response = await server.api('/api/v1/summary?project=stall&from=2026-09-01&to=2026-09-02');
	expect(response.status).toBe(200);
	const { models } = (await response.json()) as { models: { attempts: number }[] };
	return models.reduce((n, m) => n + m.attempts, 0);
}

describe('a database that stops answering', () => {
	test('a frozen database gives a 503 with Retry-After within 5 s, and answers again when it thaws', async () => {
		const before = await ingest(batch('acked'));
		expect(before.response.status).toBe(200);
		expect((await summary()).response.status).toBe(200);
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const overview = () => timed('/', undefined, owner);
		expect((await overview()).response.status).toBe(200);
		const pid = server.process.pid;

		proxy.pause();
		const frozenAt = performance.now();
		const timings: Record<string, number[]> = { ingest: [], summary: [], health: [], page: [] };
		// 20 s, as in the issue: first on the pool's open connections, then on new ones that never finish
		// connecting, then on whatever the pool holds after that.
		while (performance.now() - frozenAt < 20_000) {
			const [sent, read, health, page] = await Promise.all([
				ingest(batch('retried')),
				summary(),
				timed('/api/health'),
				overview()
			]);
			for (const [name, { response, ms }] of Object.entries({ ingest: sent, summary: read, health, page })) {
				expect(response.status, name).toBe(503);
				expect(response.headers.get('retry-after'), name).toBe('5');
				expect(ms, name).toBeLessThan(5000);
				timings[name].push(ms);
			}
		}
		const frozenMs = Math.round(performance.now() - frozenAt);
		proxy.resume();

		const thawedAt = performance.now();
		let health = await timed('/api/health');
		while (health.response.status !== 200 && performance.now() - thawedAt < 15_000) {
			await new Promise((r) => setTimeout(r, 200));
			health = await timed('/api/health');
		}
		expect(health.response.status).toBe(200);
		const recoveredMs = Math.round(performance.now() - thawedAt);

		// The batch that got 503s is sent again, as the 503 asks: stored exactly once, whether or not a
		// send during the freeze reached the database after all.
		const retry = await ingest(batch('retried'));
		expect(retry.response.status).toBe(200);
		const counted = JSON.parse(retry.body) as { accepted: number; duplicates: number };
		expect(counted.accepted + counted.duplicates).toBe(3);
		expect((await summary()).response.status).toBe(200);
		expect((await overview()).response.status).toBe(200);
		expect(server.process.exitCode).toBeNull();
		expect(server.process.pid).toBe(pid);
		expect(await storedIds()).toEqual([
			'acked-1',
			'acked-2',
			'acked-3',
			'retried-1',
			'retried-2',
			'retried-3'
		]);
		// Rollups count each stored attempt once too.
		expect(await summedAttempts()).toBe(6);
		console.log(
			`[stalled database] frozen ${frozenMs} ms; 503 after (ms): ${JSON.stringify(timings)}; ` +
				`healthy again ${recoveredMs} ms after the thaw; retry answered in ${retry.ms} ms: ${retry.body}`
		);
	});
});
