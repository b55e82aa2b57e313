// Reject reasons the rules leave as `other`, placed by a model: against a fake OpenAI-compatible server
// on 127.0.0.1 and the REAL openai client. An answer must be one of the categories; anything else leaves
// the attempt in `other` for good, and nothing is sent unless model tagging is turned on.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { attempts } from '../../src/lib/server/db/schema';
import { ingest } from '../../src/lib/server/ingest';
import { checkRollups } from '../../src/lib/server/rollups/maintain';
import { rejectReasons } from '../../src/lib/server/queries/reject-reasons';
import { createReasonClassifier } from '../../src/lib/server/reasons/llm';
import { runReasonBatch, startReasonWorker } from '../../src/lib/server/reasons/worker';
import { TaggerError } from '../../src/lib/server/tags/llm';
import { readTagConfig } from '../../src/lib/server/tags/worker';
import { freshWorkspace, testDatabase } from '../setup/db';

interface ChatRequest {
	model: string;
	messages: { role: string; content: string }[];
	response_format: { type: string; json_schema: { name: string } };
}

let database: Database;
let server: Server;
let baseURL: string;
let ws: string;
let received: { auth?: string; body: ChatRequest }[];
let reply: (request: ChatRequest) => { status: number; body: unknown };

beforeAll(async () => {
	database = await testDatabase();
	server = createServer((req: IncomingMessage, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const body = JSON.parse(raw) as ChatRequest;
			received.push({ auth: req.headers.authorization, body });
			const answer = reply(body);
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer.body));
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((ok) => server.close(ok));
	await database.close();
});

const take = (id: string, extra: Record<string, unknown>) => ({
	id,
	project: 'p',
	model: 'sora-2',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	...extra
});

beforeEach(async () => {
	ws = await freshWorkspace(database);
	received = [];
	await ingest(
		database.db,
		ws,
		{
			attempts: [
				take('r1', { verdict: 'reject', rejectReason: 'the dog has five legs and a wobbly gait' }),
				take('r2', { verdict: 'reject', rejectReason: 'meh' }),
				take('r3', { verdict: 'reject', rejectReason: 'not the vibe' }),
				take('r4', { verdict: 'reject', rejectReason: 'extra fingers' }),
				take('k1', { verdict: 'keep' })
			]
		},
		new Date('2026-11-20T00:00:00Z')
	);
});

const completion = (content: string) => ({
	status: 200,
	body: {
		id: 'chatcmpl-test',
		object: 'chat.completion',
		created: 1_790_000_000,
		model: 'gpt-test',
		choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }]
	}
});
const sent = (request: ChatRequest) =>
	JSON.parse(request.messages.find((m) => m.role === 'user')!.content) as { id: string; reason: string }[];

const classifier = () =>
	createReasonClassifier({ apiKey: 'test-key', baseURL, model: 'gpt-test', timeoutMs: 5000 });
const batch = () => runReasonBatch(database.db, classifier(), 50, { workspaceId: ws });

async function stored() {
	const rows = await database.db
		.select({ id: attempts.id, category: attempts.rejectCategory, by: attempts.rejectCategoryBy })
		.from(attempts)
		.where(eq(attempts.workspaceId, ws))
		.orderBy(attempts.id);
	return Object.fromEntries(rows.map((r) => [r.id, [r.category, r.by]]));
}

describe('placing reject reasons with a model', () => {
	test('sends only what the rules left as other, and takes answers that name a category', async () => {
		// r1 "legs" is placed by the rules; r2 and r3 wait for the model.
		expect(await stored()).toMatchObject({ r2: ['other', 'queued'], r3: ['other', 'queued'] });
		reply = (request) =>
			completion(
				JSON.stringify({
					results: sent(request).map((r) => ({
						id: r.id,
						category: r.reason === 'not the vibe' ? 'style' : 'other'
					}))
				})
			);
		expect(await batch()).toEqual({ placed: 1, fellBack: 1 });
		expect(received).toHaveLength(1);
		expect(received[0].auth).toBe('Bearer test-key');
		expect(received[0].body.model).toBe('gpt-test');
		expect(received[0].body.response_format.json_schema.name).toBe('reject_categories');
		expect(
			sent(received[0].body)
				.map((r) => r.reason)
				.sort()
		).toEqual(['meh', 'not the vibe']);
		expect(await stored()).toEqual({
			k1: [null, null],
			r1: ['hands-anatomy', 'rules'],
			r2: ['other', 'rules-final'],
			r3: ['style', 'llm'],
			r4: ['hands-anatomy', 'rules']
		});
		// The rollups followed the model's answer in the same statement.
		expect((await rejectReasons(database.db, ws, {})).reasons.map((r) => [r.category, r.attempts])).toEqual(
			expect.arrayContaining([
				['style', 1],
				['other', 1]
			])
		);
		expect(await checkRollups(database.db, ws)).toEqual([]);
		// Nothing is queued any more: the next batch sends nothing.
		expect(await batch()).toEqual({ placed: 0, fellBack: 0 });
		expect(received).toHaveLength(1);
	});

	test.each([
		['a category that does not exist', { results: [{ id: '0', category: 'vibes' }] }],
		['an unknown id', { results: [{ id: '99', category: 'style' }] }],
		[
			'the same id twice',
			{
				results: [
					{ id: '0', category: 'style' },
					{ id: '0', category: 'faces' }
				]
			}
		]
	])('%s leaves the reason in other for good', async (_, answer) => {
		reply = () => completion(JSON.stringify(answer));
		const result = await batch();
		expect(result.placed).toBe(0);
		expect(await stored()).toMatchObject({ r2: ['other', 'rules-final'], r3: ['other', 'rules-final'] });
	});

	test('an answer that is not JSON spoils the batch: other for good, with the reason why', async () => {
		reply = () => completion('not json');
		expect(await batch()).toEqual({ placed: 0, fellBack: 2, error: 'malformed' });
		expect(await stored()).toMatchObject({ r2: ['other', 'rules-final'] });
	});

	test('a refused key keeps the reasons queued, to try again once it works', async () => {
		reply = () => ({ status: 401, body: { error: { message: 'bad key' } } });
		await expect(batch()).rejects.toBeInstanceOf(TaggerError);
		expect(await stored()).toMatchObject({ r2: ['other', 'queued'], r3: ['other', 'queued'] });
	});

	test('without KEEPRATE_TAG_LLM=openai the worker sends nothing, whatever key the environment holds', async () => {
		const config = readTagConfig({ OPENAI_API_KEY: 'sk-set', OPENAI_BASE_URL: baseURL });
		expect(config.llm).toBe('off');
		const worker = startReasonWorker(database.db, { ...config, intervalMs: 10 }, () => {});
		await new Promise((ok) => setTimeout(ok, 200));
		await worker.stop();
		expect(received).toEqual([]);
		expect(await stored()).toMatchObject({ r2: ['other', 'queued'] });
	});
});
