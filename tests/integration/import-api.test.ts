// POST /api/v1/imports against a real server: a file streamed in (never whole in memory on either side),
// dry runs, the content types it takes, and the body limits that let imports be large while page requests
// stay small.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, TEST_KEY, type TestServer } from '../setup/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ env: { KEEPRATE_RATE_LIMIT: '0' } });
});
afterAll(async () => {
	await server?.stop();
});

const HEADER = 'id,project,model,durationSeconds,resolution,verdict,tags,createdAt\n';

/** `lines` CSV rows made as they are read, in chunks of 500 rows. */
function csvStream(lines: number, prefix: string): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let next = 0;
	return new ReadableStream({
		pull(controller) {
			if (next === 0) controller.enqueue(encoder.encode(HEADER));
			let chunk = '';
			for (let k = 0; k < 500 && next < lines; k++, next++) {
				const day = String(1 + (next % 28)).padStart(2, '0');
				const verdict = next % 3 === 0 ? 'keep' : 'reject';
				chunk += `${prefix}-${next},bulk,sora-2,8,1280x720,${verdict},close-up,2026-10-${day}T10:00:00Z\n`;
			}
			controller.enqueue(encoder.encode(chunk));
			if (next >= lines) controller.close();
		}
	});
}

const importCsv = (body: BodyInit, query = '') =>
	fetch(`${server.url}/api/v1/imports${query}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'text/csv' },
		body,
		duplex: 'half'
	} as RequestInit);

const attemptsIn = async (project: string) => {
	const response = await server.api(`/api/v1/summary?project=${project}`);
	const { models } = (await response.json()) as { models: { attempts: number }[] };
	return models.reduce((n, m) => n + m.attempts, 0);
};

test('a streamed CSV of 5 000 lines is stored in batches, and sent again is all duplicates', async () => {
	const first = await importCsv(csvStream(5_000, 'big'));
	expect(first.status).toBe(200);
	expect(await first.json()).toEqual({
		lines: 5_000,
		accepted: 5_000,
		duplicates: 0,
		updated: 0,
		refused: [],
		refusedCount: 0,
		dryRun: false
	});
	expect(await attemptsIn('bulk')).toBe(5_000);
	const again = await importCsv(csvStream(5_000, 'big'));
	expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 5_000, refusedCount: 0 });
	expect(await attemptsIn('bulk')).toBe(5_000);
});

test('?dryRun=true reports what the import would do and stores nothing', async () => {
	const file = `${HEADER}dry-1,dryrun,sora-2,8,1280x720,keep,,2026-10-02T10:00:00Z\ndry-2,dryrun,sora-2,0,1280x720,keep,,2026-10-02T10:00:00Z\n`;
	const response = await importCsv(file, '?dryRun=true');
	expect(await response.json()).toMatchObject({
		lines: 2,
		accepted: 1,
		refused: [{ line: 2, path: 'durationSeconds' }],
		dryRun: true
	});
	expect(await attemptsIn('dryrun')).toBe(0);
});

test('NDJSON is taken as application/x-ndjson', async () => {
	const line = { id: 'nd-1', project: 'ndjson', model: 'sora-2', durationSeconds: 8, resolution: '1280x720' };
	const response = await server.api('/api/v1/imports', {
		method: 'POST',
		headers: { 'content-type': 'application/x-ndjson' },
		body: `${JSON.stringify(line)}\n`
	});
	expect(await response.json()).toMatchObject({ lines: 1, accepted: 1 });
	expect(await attemptsIn('ndjson')).toBe(1);
});

test('what the import refuses: another content type (415), a bad query (400), no key (401)', async () => {
	const json = await server.api('/api/v1/imports', { method: 'POST', body: '{}' });
	expect(json.status).toBe(415);
	expect(await json.json()).toMatchObject({ issues: [{ path: 'content-type' }] });
	const query = await importCsv(HEADER, '?dryRun=maybe');
	expect(query.status).toBe(400);
	expect(await query.json()).toMatchObject({
		issues: [{ path: 'dryRun', message: 'must be true or false' }]
	});
	const anonymous = await fetch(`${server.url}/api/v1/imports`, {
		method: 'POST',
		headers: { 'content-type': 'text/csv' },
		body: HEADER
	});
	expect(anonymous.status).toBe(401);
});

/** A raw request, so that its framing (chunked, or a declared length) is exactly what the test says. */
function rawPost(path: string, headers: Record<string, string | number>, body: Buffer) {
	return new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode!, text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** Sends a request's headers and no body, and resolves with the answer the server gives to them alone. */
function answerToHeaders(path: string, headers: Record<string, string | number>) {
	return new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => {
				resolve({ status: res.statusCode!, text });
				req.destroy();
			});
		});
		req.on('error', reject);
		req.flushHeaders();
	});
}

test('a sign-in post of unbounded length gets 411, and one over 1 MB a 413, before anything reads it', async () => {
	const form = { 'content-type': 'application/x-www-form-urlencoded', origin: server.url };
	const chunked = await rawPost(
		'/login',
		{ ...form, 'transfer-encoding': 'chunked' },
		Buffer.from('email=a')
	);
	expect(chunked.status).toBe(411);
	// Only the headers are sent: the answer must come from the declared length alone. (Sending the body
	// too races the server's early close against the client's write.)
	const large = await answerToHeaders('/login', { ...form, 'content-length': 2 * 1024 * 1024 });
	expect(large, large.text).toMatchObject({ status: 413 });
});
