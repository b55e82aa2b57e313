// Several keeprate instances on one PostgreSQL database (how a team scales out behind a load balancer)
// behave like one: the ingestion limit is counted once for all of them, the weekly digest is sent once,
// and each attempt goes to the tagging model once. Two real server processes, one database of their own.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { ensureWorkspace, updateWorkspaceSettings } from '../../src/lib/server/workspaces';
import { freshPostgresDatabase, startServer, type TestServer } from '../setup/server';

const SHARED = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LIMIT = 6;

let database: { url: string; drop: () => Promise<void> };
let instances: TestServer[] = [];
let receiver: Server;
/** What reached the digest webhook and the tagging model. */
const digests: unknown[] = [];
const taggedIds: string[] = [];

/** A local HTTP server: the Slack webhook at /hook, an OpenAI-compatible model at /v1. */
async function startReceiver(): Promise<string> {
	receiver = createServer((req: IncomingMessage, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			// Both answer slowly, so that the other instance looks while a send or a batch is in flight.
			if (req.url === '/hook') {
				digests.push(JSON.parse(raw));
				setTimeout(() => res.writeHead(200).end('ok'), 4000);
				return;
			}
			const request = JSON.parse(raw) as { messages: { role: string; content: string }[] };
			const prompts = JSON.parse(request.messages.find((m) => m.role === 'user')!.content) as {
				id: string;
				prompt: string;
			}[];
			// The prompt carries the attempt's id: which attempts reached the model, and how often.
			taggedIds.push(...prompts.map((p) => p.prompt.split(' ')[0]));
			const content = JSON.stringify({ results: prompts.map((p) => ({ id: p.id, tags: ['product'] })) });
			const answer = () =>
				res.writeHead(200, { 'content-type': 'application/json' }).end(
					JSON.stringify({
						id: 'chatcmpl-test',
						object: 'chat.completion',
						created: 1_790_000_000,
						model: 'gpt-test',
						choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }]
					})
				);
			// Longer than a worker's interval (5 s): the other instance's worker looks meanwhile.
			setTimeout(answer, 6000);
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

beforeAll(async () => {
	const receiverUrl = await startReceiver();
	database = await freshPostgresDatabase(SHARED);
	// The workspace exists with its webhook before the instances start: each one's digest scheduler
	// looks 5 s after its start, so both find the same week due.
	const setup = await openDatabase({ url: database.url });
	await migrate(setup);
	await ensureWorkspace(setup.db, 'default');
	await updateWorkspaceSettings(setup.db, 'default', { digestWebhookUrl: `${receiverUrl}/hook` });
	await setup.close();
	const env = {
		DATABASE_URL: database.url,
		KEEPRATE_RATE_LIMIT: String(LIMIT),
		KEEPRATE_OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
		KEEPRATE_TAG_LLM: 'openai',
		OPENAI_API_KEY: 'test-key',
		OPENAI_BASE_URL: `${receiverUrl}/v1`
	};
	instances = await Promise.all([startServer({ env }), startServer({ env })]);
}, 180_000);

afterAll(async () => {
	await Promise.all(instances.map((i) => i.stop()));
	receiver?.closeAllConnections();
	await new Promise((resolve) => receiver?.close(resolve));
	await database?.drop();
});

const post = (instance: TestServer, body: unknown) =>
	instance.api('/api/v1/attempts', { method: 'POST', body: JSON.stringify(body) });

describe('two instances on one database', () => {
	test('the ingestion limit of a key is counted once across both instances', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < LIMIT + 4; i++) {
			const response = await post(instances[i % 2], {
				id: `limited-${i}`,
				project: 'limits',
				model: 'sora-2',
				durationSeconds: 4,
				costUsd: 0.4,
				tags: []
			});
			statuses.push(response.status);
		}
		expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
		expect(statuses.filter((s) => s === 429)).toHaveLength(4);
	});

	test('the weekly digest is sent once, though both instances found it due', async () => {
		await expect
			.poll(() => digests.length, { timeout: 20_000 })
			.toBeGreaterThanOrEqual(1)
			.catch((e) => {
				console.log(instances.map((i) => i.output()).join('\n----\n'));
				throw e;
			});
		// Both schedulers have looked by now (5 s after each start); a second send would have come.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		expect(digests).toHaveLength(1);
		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		try {
			const rows = await sql<{ sent: boolean }[]>`select sent_at is not null as sent from digests`;
			expect(rows).toEqual([{ sent: true }]);
		} finally {
			await sql.end();
		}
	});

	test('each attempt goes to the tagging model once, though both instances tag', async () => {
		// Waits out the limit of the test above: a fresh minute of tokens.
		await new Promise((resolve) => setTimeout(resolve, 60_000 / LIMIT + 100));
		const ids = Array.from({ length: 20 }, (_, i) => `tag-${i}`);
		// Without tags: queued for the model. The instance that stores them nudges its worker; the other's
		// worker looks on its own every few seconds, and both read the one queue.
		const attempts = ids.map((id) => ({
			id,
			project: 'tags',
			model: 'sora-2',
			durationSeconds: 4,
			costUsd: 0.4,
			prompt: `${id} a red apple on a wooden table`
		}));
		expect((await post(instances[1], { attempts })).status).toBe(200);
		await expect.poll(() => new Set(taggedIds).size, { timeout: 30_000 }).toBe(ids.length);
		await new Promise((resolve) => setTimeout(resolve, 8000));
		expect([...taggedIds].sort()).toEqual([...ids].sort());
	}, 120_000);
});
