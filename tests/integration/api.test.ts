// The HTTP API of the built server, end to end: every error path, and proof that a refusal stored nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cuttableProxy } from '../setup/proxy';
import { freshPostgresDatabase, startServer, TEST_KEY, type TestServer } from '../setup/server';

let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

const attempt = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	project: 'api-test',
	model: 'sora-2-pro',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	...extra
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
	server.api('/api/v1/attempts', { method: 'POST', body: JSON.stringify(body), headers });

/** The attempts stored for one project, as the summary API counts them. */
async function storedIn(project: string): Promise<number> {
	const response = await server.api(`/api/v1/summary?project=${project}`);
	expect(response.status).toBe(200);
	const { models } = (await response.json()) as { models: { attempts: number }[] };
	return models.reduce((n, m) => n + m.attempts, 0);
}

describe('POST /api/v1/attempts', () => {
	test('stores one attempt, then counts the identical resend as a duplicate', async () => {
		const first = await post(attempt('one'));
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
		expect(await (await post(attempt('one'))).json()).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
		const stored = await (await server.api('/api/v1/attempts/one')).json();
		expect(stored).toMatchObject({ id: 'one', costUsd: 2.4, costSource: 'price_book', verdict: 'pending' });
	});

	test.each([
		['no key', {}],
		['a wrong key', { authorization: 'Bearer kr_wrong' }],
		['a malformed header', { authorization: TEST_KEY }]
	])('answers 401 with %s and stores nothing', async (_name, headers) => {
		const response = await fetch(`${server.url}/api/v1/attempts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(attempt('unauth', { project: 'unauth' }))
		});
		expect(response.status).toBe(401);
		expect((await response.json()).error).toMatch(/API key/);
		expect(await storedIn('unauth')).toBe(0);
	});

	test('answers 400 to a body that is not JSON', async () => {
		const response = await server.api('/api/v1/attempts', { method: 'POST', body: '{"id": ' });
		expect(response.status).toBe(400);
		expect((await response.json()).error).toMatch(/not valid JSON/);
	});

	test('answers 400 listing every problem by index and path, and stores none of the batch', async () => {
		const response = await post({
			attempts: [
				attempt('good', { project: 'bad-batch' }),
				attempt('bad', { project: 'bad-batch', durationSeconds: -1, colour: 'red' })
			]
		});
		expect(response.status).toBe(400);
		const body = await response.json();
		expect(body.error).toMatch(/nothing was stored/);
		expect(body.issues).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ index: 1, path: 'durationSeconds' }),
				expect.objectContaining({ index: 1, path: '', message: expect.stringMatching(/colour/) })
			])
		);
		expect(await storedIn('bad-batch')).toBe(0);
	});

	test('answers 422 naming the model and resolution it cannot price', async () => {
		const response = await post({ attempts: [attempt('p1', { project: 'unpriced', model: 'mystery-v9' })] });
		expect(response.status).toBe(422);
		const body = await response.json();
		expect(body.issues[0]).toMatchObject({ index: 0, path: 'costUsd' });
		expect(body.issues[0].message).toMatch(/mystery-v9.*1280x720/);
		expect(await storedIn('unpriced')).toBe(0);
	});

	test('answers 409 with the conflicting ids, storing nothing of the batch', async () => {
		await post(attempt('c1', { project: 'conflict' }));
		const response = await post({
			attempts: [
				attempt('c2', { project: 'conflict' }),
				attempt('c1', { project: 'conflict', durationSeconds: 4 })
			]
		});
		expect(response.status).toBe(409);
		expect((await response.json()).conflicts).toEqual(['c1']);
		expect(await storedIn('conflict')).toBe(1);
	});

	test('answers 413 to a body over 5 MB, storing nothing', async () => {
		const big = attempt('big', { project: 'too-big', prompt: 'x'.repeat(9000) });
		const attempts = Array.from({ length: 600 }, (_, i) => ({ ...big, id: `big-${i}` }));
		const body = JSON.stringify({ attempts });
		expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
		const response = await server.api('/api/v1/attempts', { method: 'POST', body });
		expect(response.status).toBe(413);
		expect((await response.json()).error).toMatch(/5 MB/);
		expect(await storedIn('too-big')).toBe(0);
	});

	test.each([
		['20 MB', 20],
		['60 MB', 60]
	])(
		'a client that sends all of a %s body before reading gets the 413, not a reset connection',
		async (_label, megabytes) => {
			// As Python's http.client and many retrying clients do: the whole body first, then the answer.
			const answer = await sendWholeThenRead('/api/v1/attempts', megabytes * 1024 * 1024);
			expect(answer.error).toBeUndefined();
			expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
			expect(answer.head.toLowerCase()).toContain('connection: close');
			expect(JSON.parse(answer.body).error).toMatch(/larger than 5 MB/);
		},
		60_000
	);

	test('accepts a batch of 1000 in one request', async () => {
		const attempts = Array.from({ length: 1000 }, (_, i) => attempt(`k${i}`, { project: 'thousand' }));
		const response = await post({ attempts });
		expect(await response.json()).toEqual({ accepted: 1000, duplicates: 0, updated: 0 });
		expect(await storedIn('thousand')).toBe(1000);
	});
});

describe('PATCH /api/v1/attempts/{id}', () => {
	test('sets a late verdict and answers with the attempt', async () => {
		await post(attempt('late', { project: 'late' }));
		const response = await server.api('/api/v1/attempts/late', {
			method: 'PATCH',
			body: JSON.stringify({ verdict: 'reject', rejectReason: 'warped hands' })
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			id: 'late',
			verdict: 'reject',
			rejectReason: 'warped hands'
		});
	});

	test.each([
		['an unknown id', 'nobody', { verdict: 'keep' }, 404],
		['an unknown verdict', 'late', { verdict: 'love' }, 400],
		['an unknown field', 'late', { verdict: 'keep', score: 5 }, 400]
	])('answers %s with its status', async (_name, id, body, status) => {
		const response = await server.api(`/api/v1/attempts/${id}`, {
			method: 'PATCH',
			body: JSON.stringify(body)
		});
		expect(response.status).toBe(status);
		expect((await response.json()).error).toBeTruthy();
	});
});

describe('GET /api/v1/summary', () => {
	test('answers the figures for a project', async () => {
		await post({
			attempts: [
				attempt('s1', { project: 'sum', verdict: 'keep' }),
				attempt('s2', { project: 'sum', verdict: 'reject' }),
				attempt('s3', { project: 'sum', model: 'sora-2', verdict: 'keep' })
			]
		});
		const response = await server.api('/api/v1/summary?project=sum&from=2026-09-01&to=2026-09-02');
		const body = await response.json();
		expect(
			body.models.map((m: { model: string; costPerKeptClipUsd: number }) => [m.model, m.costPerKeptClipUsd])
		).toEqual([
			['sora-2', 0.8],
			['sora-2-pro', 4.8]
		]);
		expect(body.comparisons).toHaveLength(1);
		expect(body.comparisons[0]).toMatchObject({
			base: 'sora-2',
			premium: 'sora-2-pro',
			premiumPaysForItself: false
		});
	});

	test.each([
		['from=yesterday', 'from'],
		['from=2026-10-01&to=2026-09-01', 'to'],
		['project=Not%20A%20Slug', 'project'],
		['colour=red', '']
	])('answers 400 to %s', async (query, path) => {
		const response = await server.api(`/api/v1/summary?${query}`);
		expect(response.status).toBe(400);
		expect((await response.json()).issues.map((i: { path: string }) => i.path)).toContain(path);
	});

	test('needs a key', async () => {
		expect((await fetch(`${server.url}/api/v1/summary`)).status).toBe(401);
	});
});

describe('the server', () => {
	test('reports health, sends security headers and stops within a second of SIGTERM', async () => {
		const own = await startServer();
		const health = await fetch(`${own.url}/api/health`);
		expect(health.status).toBe(200);
		expect(health.headers.get('x-content-type-options')).toBe('nosniff');
		// A keep-alive connection must not hold the shutdown up.
		await fetch(`${own.url}/api/health`, { headers: { connection: 'keep-alive' } });
		const exited = new Promise<number | null>((resolve) => own.process.once('exit', resolve));
		const started = Date.now();
		own.process.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(Date.now() - started).toBeLessThan(1000);
		await own.stop();
	});

	test('without KEEPRATE_INIT_API_KEY, the first start prints a working key once', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'keeprate-first-'));
		const pg = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : undefined;
		const env = { KEEPRATE_INIT_API_KEY: '', ...(pg ? { DATABASE_URL: pg.url } : {}) };
		try {
			const first = await startServer({ dataDir, env });
			const key = /\n\s+(kr_\S+)\n/.exec(first.output())?.[1];
			expect(key).toBeTruthy();
			const response = await fetch(`${first.url}/api/v1/summary`, {
				headers: { authorization: `Bearer ${key}` }
			});
			expect(response.status).toBe(200);
			await first.stop();
			const second = await startServer({ dataDir, env });
			expect(second.output()).not.toContain('kr_');
			await second.stop();
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
			await pg?.drop();
		}
	});

	// A server lost while keeprate runs: PostgreSQL only (an embedded database cannot go away).
	test.runIf(Boolean(process.env.DATABASE_URL))(
		'a PostgreSQL server lost while running: the API answers 503 with Retry-After, in its error shape',
		async () => {
			const pg = await freshPostgresDatabase(process.env.DATABASE_URL!);
			// keeprate reaches the database through this proxy, which the test then cuts.
			const proxy = await cuttableProxy(pg.url);
			const own = await startServer({ env: { DATABASE_URL: proxy.url } });
			try {
				expect((await own.api('/api/v1/summary')).status).toBe(200);
				await proxy.cut();
				const response = await own.api('/api/v1/attempts', {
					method: 'POST',
					body: JSON.stringify(attempt('lost-1'))
				});
				expect(response.status).toBe(503);
				expect(response.headers.get('retry-after')).toBe('5');
				expect((await response.json()).error).toMatch(/database is unavailable.*send it again/);
			} finally {
				await own.stop();
				await pg.drop();
			}
		}
	);

	test('answers 503 on health, quickly, when PostgreSQL is unreachable', async () => {
		const down = await startServer({
			env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/keeprate' },
			healthy: false
		});
		try {
			const started = Date.now();
			const response = await fetch(`${down.url}/api/health`);
			expect(response.status).toBe(503);
			expect(response.headers.get('retry-after')).toBe('5');
			expect(Date.now() - started).toBeLessThan(3000);
			const api = await down.api('/api/v1/summary');
			expect(api.status).toBe(503);
			expect(api.headers.get('retry-after')).toBe('5');
		} finally {
			await down.stop();
		}
	});
});

/** A POST of `size` bytes written whole, then the answer read: what a client that never reads early sees. */
async function sendWholeThenRead(
	path: string,
	size: number
): Promise<{ head: string; body: string; error?: string }> {
	const { port } = new URL(server.url);
	const socket = connect(Number(port), '127.0.0.1');
	let received = '';
	let error: string | undefined;
	socket.on('data', (d) => (received += d.toString('latin1')));
	socket.on('error', (e) => (error ??= (e as NodeJS.ErrnoException).code ?? e.message));
	const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
	await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
	socket.write(
		`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TEST_KEY}\r\n` +
			`Content-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`
	);
	const chunk = Buffer.alloc(64 * 1024, 0x20);
	for (let sent = 0; sent < size && !error; sent += chunk.length) {
		const part = sent + chunk.length <= size ? chunk : chunk.subarray(0, size - sent);
		if (!socket.write(part)) await new Promise((resolve) => socket.once('drain', resolve));
	}
	socket.end();
	await closed;
	const split = received.indexOf('\r\n\r\n');
	return { head: received.slice(0, split), body: received.slice(split + 4), error };
}
