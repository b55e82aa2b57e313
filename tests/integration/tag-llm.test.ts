// Background re-tagging with a model, against a fake OpenAI-compatible server on 127.0.0.1 and the REAL
// openai client: good answers replace the rule tags, every bad answer falls back to them for good.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { attempts } from '../../src/lib/server/db/schema';
import { createTagger, TaggerError } from '../../src/lib/server/tags/llm';
import {
	describeTagging,
	readTagConfig,
	runTagBatch,
	startTagWorker
} from '../../src/lib/server/tags/worker';
import { inferTags } from '../../src/lib/tags/rules';
import { freshWorkspace, testDatabase } from '../setup/db';

interface ChatRequest {
	model: string;
	messages: { role: string; content: string }[];
	response_format: { type: string; json_schema: { name: string; strict: boolean } };
}
type Reply = { status: number; body: unknown } | 'hang';

let database: Database;
let server: Server;
let baseURL: string;
let ws: string;
let received: { url?: string; auth?: string; body: ChatRequest }[];
let reply: (request: ChatRequest) => Reply;
const hanging: ServerResponse[] = [];

const PROMPTS: Record<string, string> = {
	a1: 'A golden retriever running on the beach at dusk',
	a2: 'Close-up of a knitted wool scarf',
	a3: 'A red apple on a wooden table'
};

beforeAll(async () => {
	database = await testDatabase();
	server = createServer((req: IncomingMessage, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const body = JSON.parse(raw) as ChatRequest;
			received.push({ url: `${req.method} ${req.url}`, auth: req.headers.authorization, body });
			const answer = reply(body);
			if (answer === 'hang') return void hanging.push(res);
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
beforeEach(async () => {
	ws = await freshWorkspace(database);
	received = [];
	for (const [id, prompt] of Object.entries(PROMPTS)) {
		await database.db.insert(attempts).values({
			workspaceId: ws,
			id,
			project: 'p',
			model: 'sora-2',
			durationSeconds: 4,
			costMicros: 400_000,
			costSource: 'reported',
			status: 'succeeded',
			verdict: 'keep',
			createdAt: new Date('2026-09-01T10:00:00Z'),
			// a1 is the oldest: the batch goes oldest first
			receivedAt: new Date(Date.UTC(2026, 8, 1, 10, Number(id.slice(1)))),
			contentHash: id,
			prompt,
			// As ingestion stores an attempt without a tags field.
			tags: inferTags(prompt),
			tagsSource: 'inferred',
			tagsInferredBy: 'rules'
		});
	}
});

const completion = (content: string | null, refusal: string | null = null) => ({
	status: 200,
	body: {
		id: 'chatcmpl-test',
		object: 'chat.completion',
		created: 1_790_000_000,
		model: 'gpt-test',
		choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal } }]
	}
});
/** The {id, prompt} list the worker sent. */
const sent = (request: ChatRequest) =>
	JSON.parse(request.messages.find((m) => m.role === 'user')!.content) as { id: string; prompt: string }[];
/** Answers every id of the request with tags chosen from its prompt. */
const answering = (tagsFor: (prompt: string) => string[]) => (request: ChatRequest) =>
	completion(JSON.stringify({ results: sent(request).map((p) => ({ id: p.id, tags: tagsFor(p.prompt) })) }));

const tagger = (timeoutMs = 5000) =>
	createTagger({ apiKey: 'test-key', baseURL, model: 'gpt-test', timeoutMs });
const batch = (timeoutMs?: number) => runTagBatch(database.db, tagger(timeoutMs), 50, { workspaceId: ws });

async function stored() {
	const rows = await database.db
		.select({ id: attempts.id, tags: attempts.tags, by: attempts.tagsInferredBy })
		.from(attempts)
		.where(eq(attempts.workspaceId, ws))
		.orderBy(attempts.id);
	return Object.fromEntries(rows.map((r) => [r.id, { tags: r.tags, by: r.by }]));
}
const ruleTags = (by: string) =>
	Object.fromEntries(Object.entries(PROMPTS).map(([id, p]) => [id, { tags: inferTags(p), by }]));

describe('re-tagging attempts with a model', () => {
	test('a good answer replaces the rule tags, in one request that carries the prompts', async () => {
		reply = answering((p) => (p.includes('retriever') ? ['animals', 'landscape', 'high-motion'] : []));
		expect(await batch()).toEqual({ tagged: 3, fellBack: 0 });
		expect(await stored()).toEqual({
			a1: { tags: ['animals', 'high-motion', 'landscape'], by: 'llm' },
			a2: { tags: [], by: 'llm' },
			a3: { tags: [], by: 'llm' }
		});
		expect(received).toHaveLength(1);
		const [{ url, auth, body }] = received;
		expect({ url, auth, model: body.model }).toEqual({
			url: 'POST /v1/chat/completions',
			auth: 'Bearer test-key',
			model: 'gpt-test'
		});
		expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
		// Oldest first; ids local to the batch, so the client's own ids never leave.
		expect(sent(body)).toEqual([
			{ id: '0', prompt: PROMPTS.a1 },
			{ id: '1', prompt: PROMPTS.a2 },
			{ id: '2', prompt: PROMPTS.a3 }
		]);
		expect(await batch()).toEqual({ tagged: 0, fellBack: 0 }); // the queue is empty: no request
		expect(received).toHaveLength(1);
	});

	test.each([
		['malformed JSON', () => completion('{"results": [{"id": "0", "tags": ["animals"]'), 'malformed', 1],
		['a refusal', () => completion(null, 'I cannot help with that'), 'refused', 1],
		['HTTP 500', () => ({ status: 500, body: { error: { message: 'boom' } } }), 'http', 2] // one retry
	] as const)(
		'%s: every attempt keeps its rule tags and is not asked again',
		async (_, answer, code, requests) => {
			reply = answer;
			expect(await batch()).toEqual({ tagged: 0, fellBack: 3, error: code });
			expect(await stored()).toEqual(ruleTags('rules-final'));
			expect(received).toHaveLength(requests);
		}
	);

	test('an answer past the timeout falls back to the rules after one retry', async () => {
		reply = () => 'hang';
		const started = Date.now();
		expect(await batch(300)).toEqual({ tagged: 0, fellBack: 3, error: 'timeout' });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(received).toHaveLength(2);
		expect(await stored()).toEqual(ruleTags('rules-final'));
	});

	test('entries with unknown ids or tags outside the vocabulary are dropped one by one', async () => {
		reply = (request) => {
			const [first, second] = sent(request);
			const results = [
				{ id: first.id, tags: ['animals', 'dogs'] }, // 'dogs' is not in the vocabulary
				{ id: second.id, tags: ['fine-texture', 'close-up', 'close-up'] },
				{ id: 'a3', tags: ['product'] } // the client's id, not the batch's
			];
			return completion(JSON.stringify({ results }));
		};
		expect(await batch()).toEqual({ tagged: 1, fellBack: 2 });
		expect(await stored()).toEqual({
			a1: { tags: inferTags(PROMPTS.a1), by: 'rules-final' },
			a2: { tags: ['close-up', 'fine-texture'], by: 'llm' },
			a3: { tags: [], by: 'rules-final' }
		});
	});

	test.each([
		[401, 'config'],
		[429, 'rate-limited']
	] as const)('HTTP %i leaves the batch queued, untouched', async (status, code) => {
		reply = () => ({ status, body: { error: { message: 'not now' } } });
		const error = await batch().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TaggerError);
		expect((error as TaggerError).code).toBe(code);
		expect(await stored()).toEqual(ruleTags('rules'));
	});

	test('only inferred tags are replaced', async () => {
		await database.db
			.update(attempts)
			.set({ tagsSource: 'client', tags: ['mine'] })
			.where(and(eq(attempts.workspaceId, ws), eq(attempts.id, 'a3')));
		reply = answering(() => ['product']);
		await batch();
		expect((await stored()).a3).toEqual({ tags: ['mine'], by: 'rules' });
	});
});

describe('the background worker', () => {
	test('does nothing without an API key', async () => {
		const worker = startTagWorker(database.db, readTagConfig({}), () => {});
		worker.nudge();
		await worker.stop();
		expect(readTagConfig({ KEEPRATE_TAG_BATCH: 'x' })).toMatchObject({ batchSize: 50, apiKey: undefined });
	});

	test('an OPENAI_API_KEY in the shell alone sends no prompt anywhere', async () => {
		const config = readTagConfig({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: baseURL });
		expect(config.llm).toBe('off');
		expect(describeTagging(config)).toEqual({
			sendsPrompts: false,
			message: expect.stringContaining('KEEPRATE_TAG_LLM=openai turns it on')
		});
		const worker = startTagWorker(database.db, config, () => {});
		worker.nudge();
		await new Promise((ok) => setTimeout(ok, 1000));
		await worker.stop();
		expect(received).toEqual([]);
		expect((await stored()).a1.by).toBe('rules');
	});

	test('KEEPRATE_TAG_LLM=openai without a key says so and sends nothing', () => {
		const config = readTagConfig({ KEEPRATE_TAG_LLM: 'openai' });
		expect(describeTagging(config)).toEqual({
			sendsPrompts: false,
			message: expect.stringContaining('OPENAI_API_KEY is not set')
		});
		expect(describeTagging(readTagConfig({ KEEPRATE_TAG_LLM: 'OpenAI', OPENAI_API_KEY: 'k' }))).toEqual({
			sendsPrompts: true,
			message: expect.stringContaining('prompts of new attempts are sent to')
		});
	});

	test('runs a batch after a nudge, logs no prompt, and stops while a request hangs', async () => {
		// A hanging model: the worker must never write, so it cannot touch other tests' workspaces.
		reply = () => 'hang';
		const lines: string[] = [];
		const config = {
			...readTagConfig({ KEEPRATE_TAG_LLM: 'openai', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: baseURL }),
			timeoutMs: 30_000
		};
		const worker = startTagWorker(database.db, config, (line) => lines.push(line));
		worker.nudge();
		await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
		const started = Date.now();
		await worker.stop(); // aborts the request in flight: its attempts stay queued
		expect(Date.now() - started).toBeLessThan(2000);
		expect(received[0].body.model).toBe('gpt-5-mini');
		expect(lines.join('\n')).not.toContain('retriever');
		expect((await stored()).a1.by).toBe('rules');
	});

	test('backs off after a failure: a nudge does not call the model again at once', async () => {
		let calls = 0;
		const refusing = {
			tag: async () => {
				calls++;
				throw new TaggerError('config', 'the model endpoint answered HTTP 401');
			}
		};
		const lines: string[] = [];
		const worker = startTagWorker(database.db, readTagConfig({}), (line) => lines.push(line), refusing);
		worker.nudge();
		await expect.poll(() => calls, { timeout: 5000 }).toBe(1);
		worker.nudge();
		await new Promise((ok) => setTimeout(ok, 1500));
		await worker.stop();
		expect(calls).toBe(1);
		expect(lines).toEqual(['tags: batch left queued: the model endpoint answered HTTP 401']);
	});
});
