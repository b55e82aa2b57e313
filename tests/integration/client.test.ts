// The client (client/index.js) and the command line (client/cli.js) against a real server: batches,
// retries that honour Retry-After without counting anything twice, verdicts, imports and the summary table.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createClient, KeeprateError } from '../../client/index.js';
import { startServer, TEST_KEY, type TestServer } from '../setup/server';

const run = promisify(execFile);
const cli = new URL('../../client/cli.js', import.meta.url).pathname;

let server: TestServer;
let dir: string;
beforeAll(async () => {
	server = await startServer({ env: { KEEPRATE_RATE_LIMIT: '0' } });
	dir = mkdtempSync(join(tmpdir(), 'keeprate-client-'));
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const take = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	project: 'client',
	model: 'sora-2',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-11-02T10:00:00Z',
	...extra
});

test('logAttempts sends batches of 1000; sent again, every attempt is a duplicate', async () => {
	const client = createClient({ url: server.url, key: TEST_KEY });
	const attempts = Array.from({ length: 2500 }, (_, i) =>
		take(`c-${i}`, { verdict: i % 2 ? 'keep' : 'reject' })
	);
	const batches: number[] = [];
	const first = await client.logAttempts(attempts, { onBatch: (done) => batches.push(done) });
	expect(first).toEqual({ accepted: 2500, duplicates: 0, updated: 0 });
	expect(batches).toEqual([1000, 2000, 2500]);
	expect(await client.logAttempts(attempts)).toEqual({ accepted: 0, duplicates: 2500, updated: 0 });
});

test('a 503 with Retry-After is waited out and sent again; the attempt is stored once', async () => {
	const waits: number[] = [];
	let refusals = 1;
	const client = createClient({
		url: server.url,
		key: TEST_KEY,
		sleep: async (ms) => void waits.push(ms),
		// The server goes away once, answering as keeprate does when its database is unavailable.
		fetch: async (input, init) => {
			if (refusals-- > 0)
				return new Response(JSON.stringify({ error: 'the database is unavailable' }), {
					status: 503,
					headers: { 'content-type': 'application/json', 'retry-after': '2' }
				});
			return fetch(input, init);
		}
	});
	expect(await client.logAttempts([take('retry-1')])).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
	expect(waits).toEqual([2000]);
	const summary = (await client.summary({ project: 'client', from: '2026-11-02', to: '2026-11-03' })) as {
		models: { attempts: number }[];
	};
	expect(summary.models[0].attempts).toBe(2501);
});

test('setVerdict and getAttempt; a refusal is a KeeprateError naming the field', async () => {
	const client = createClient({ url: server.url, key: TEST_KEY });
	await client.setVerdict('c-0', 'reject', 'warped hands');
	expect(await client.getAttempt('c-0')).toMatchObject({ verdict: 'reject', rejectReason: 'warped hands' });
	await client.setVerdict('c-0', 'reject', 'warped hands', 42.5);
	expect(await client.getAttempt('c-0')).toMatchObject({ reviewSeconds: 42.5 });
	const refused = await client.setVerdict('c-0', 'keep', 'nope').catch((error: unknown) => error);
	expect(refused).toBeInstanceOf(KeeprateError);
	expect((refused as KeeprateError).status).toBe(400);
	expect((refused as Error).message).toMatch(/rejectReason: goes only with verdict "reject"/);
});

test('keeprate import FILE stores the file and names each refused line; --dry-run stores nothing', async () => {
	const file = join(dir, 'history.csv');
	writeFileSync(
		file,
		[
			'id,project,model,durationSeconds,resolution,verdict,createdAt',
			'cli-1,cli,sora-2,8,1280x720,keep,2026-11-02T10:00:00Z',
			'cli-2,cli,sora-2,0,1280x720,keep,2026-11-02T10:00:00Z',
			'cli-3,cli,sora-2,4,1280x720,reject,2026-11-02T11:00:00Z'
		].join('\n')
	);
	const env = { ...process.env, KEEPRATE_URL: server.url, KEEPRATE_API_KEY: TEST_KEY };
	const dry = await run(process.execPath, [cli, 'import', file, '--dry-run'], { env }).catch((e) => e);
	expect(dry.code).toBe(3);
	expect(dry.stdout).toContain('3 lines read (dry run: nothing was stored)');
	expect(dry.stdout).toContain('2 new attempts would be stored');

	const real = await run(process.execPath, [cli, 'import', file], { env }).catch((e) => e);
	expect(real.code).toBe(3);
	expect(real.stdout).toContain('2 new attempts were stored');
	expect(real.stdout).toMatch(/1 lines refused:\n {4}line 2: durationSeconds: /);

	const summary = await run(process.execPath, [cli, 'summary', '--project', 'cli', '--from', '2026-11-01'], {
		env
	});
	const lines = summary.stdout.split('\n');
	expect(lines[0]).toMatch(/^Model\s+Attempts\s+Kept\s+Keep rate\s+Spend\s+Per kept clip$/);
	expect(lines[2]).toMatch(/^sora-2\s+2\s+1\s+50%\s+\$\d+\.\d+\s+\$\d+\.\d+$/);
});

test('the command line says what is missing, and what the server refused', async () => {
	const noKey = await run(process.execPath, [cli, 'summary', '--url', server.url], {
		env: { ...process.env, KEEPRATE_API_KEY: '' }
	}).catch((e) => e);
	expect(noKey.code).toBe(2);
	expect(noKey.stderr).toContain('no API key: pass --key or set KEEPRATE_API_KEY');
	const wrongKey = await run(process.execPath, [
		cli,
		'summary',
		'--url',
		server.url,
		'--key',
		'kr_wrong'
	]).catch((e) => e);
	expect(wrongKey.code).toBe(1);
	expect(wrongKey.stderr).toContain('401: unknown or revoked API key');
});
