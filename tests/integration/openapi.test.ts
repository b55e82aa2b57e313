// The OpenAPI document against a real server: every answer of every route, refusals included, is one the
// document lists for that route, with a body valid against the document's schema for it. That is what
// keeps the document honest; its examples and structure are checked in tests/unit/openapi.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApiDocument } from '../../src/lib/server/openapi/document';
import { schemaValidator } from '../setup/openapi';
import { startServer, TEST_ADMIN, TEST_KEY, type TestServer } from '../setup/server';
import { signInHttp } from '../setup/session';

type Json = Record<string, unknown>;
interface Operation {
	security: Json[];
	responses: Record<
		string,
		{ headers?: Json; content?: Record<string, { schema: Json; example?: unknown }> }
	>;
}

const document = openApiDocument();
const paths = document.paths as Record<string, Record<string, Operation>>;
const check = schemaValidator(document);

let server: TestServer;
let readKey: string;
/** `GET /api/v1/summary 200`: every answer checked, to show that each route was answered at all. */
const seen = new Set<string>();

beforeAll(async () => {
	server = await startServer();
	const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	const form = new URLSearchParams({ name: 'reader', scope: 'read' });
	const created = await fetch(`${server.url}/settings/keys?/create`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			cookie: owner.cookie
		},
		body: form
	});
	readKey = /kr_[\w-]{32}/.exec(await created.text())?.[0] ?? '';
	expect(readKey).not.toBe('');
});
afterAll(async () => {
	await server?.stop();
});

/** The document's operation for a concrete path: /api/v1/attempts/a%201 is /api/v1/attempts/{id}. */
function operationOf(method: string, url: string): [string, Operation] {
	const path = new URL(url, 'http://x').pathname;
	for (const [template, item] of Object.entries(paths)) {
		const pattern = new RegExp(`^${template.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
		if (pattern.test(path) && item[method.toLowerCase()]) return [template, item[method.toLowerCase()]];
	}
	throw new Error(`the document has no ${method} ${path}`);
}

/**
 * Sends a request and checks its answer against the document: a status it lists for the route, the
 * media type it lists, a body valid against its schema, and Retry-After where it says so.
 */
async function call(
	method: string,
	url: string,
	init: { body?: BodyInit; type?: string; key?: string | null } = {}
): Promise<{ status: number; body: unknown; headers: Headers }> {
	const headers: Record<string, string> = {};
	if (init.key !== null) headers.authorization = `Bearer ${init.key ?? TEST_KEY}`;
	if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
	const response = await fetch(server.url + url, { method, headers, body: init.body });
	const [template, op] = operationOf(method, url);
	const where = `${method} ${template} ${response.status}`;
	const documented = op.responses[String(response.status)];
	expect(documented, `${where} is not in the document`).toBeDefined();
	const type = (response.headers.get('content-type') ?? '').split(';')[0];
	const media = documented.content?.[type];
	expect(media, `${where} answers ${type}, which the document does not list`).toBeDefined();
	const body = type === 'application/json' ? await response.json() : await response.text();
	check(media!.schema, body, where);
	if (documented.headers?.['Retry-After'])
		expect(Number(response.headers.get('retry-after')), where).toBeGreaterThan(0);
	seen.add(where);
	return { status: response.status, body, headers: response.headers };
}

const take = (id: string, model: string, extra: Json = {}) => ({
	id,
	project: 'spec',
	model,
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-11-24T10:00:00Z',
	shotId: `shot-${id.split('-')[1]}`,
	tags: ['close-up'],
	...extra
});

/** Two tiers of one family with decided takes, so that every figure has something to say. */
const seed = [
	...Array.from({ length: 12 }, (_, i) =>
		take(`b-${i}`, 'sora-2', { verdict: i % 3 === 0 ? 'keep' : 'reject', creator: 'ana' })
	),
	...Array.from({ length: 8 }, (_, i) =>
		take(`p-${i}`, 'sora-2-pro', { verdict: i % 2 === 0 ? 'keep' : 'reject', project: 'other' })
	),
	take('b-99', 'sora-2', { generationSeconds: 40 }),
	take('h-1', 'house-model', { costUsd: 0.25, verdict: 'keep' })
];

describe('the document against a real server', () => {
	test('ingest: a batch, a duplicate resend, and each refusal', async () => {
		const stored = await call('POST', '/api/v1/attempts', { body: JSON.stringify({ attempts: seed }) });
		expect(stored.body).toEqual({ accepted: seed.length, duplicates: 0, updated: 0 });
		expect((await call('POST', '/api/v1/attempts', { body: JSON.stringify(seed[0]) })).body).toMatchObject({
			duplicates: 1
		});
		const invalid = await call('POST', '/api/v1/attempts', {
			body: JSON.stringify({ attempts: [{ ...seed[0], id: 'x-1', durationSeconds: -1 }] })
		});
		expect(invalid.status).toBe(400);
		const conflict = await call('POST', '/api/v1/attempts', {
			body: JSON.stringify({ ...seed[0], durationSeconds: 9 })
		});
		expect(conflict).toMatchObject({ status: 409, body: { conflicts: ['b-0'] } });
		const unpriced = await call('POST', '/api/v1/attempts', {
			body: JSON.stringify(take('u-1', 'house-model'))
		});
		expect(unpriced.status).toBe(422);
		const big = await call('POST', '/api/v1/attempts', { body: `{"attempts": ["${'x'.repeat(6 << 20)}"]}` });
		expect(big.status).toBe(413);
		expect((await call('POST', '/api/v1/attempts', { body: '{}', key: null })).status).toBe(401);
		expect((await call('POST', '/api/v1/attempts', { body: '{}', key: readKey })).status).toBe(403);
	});

	test('one attempt, a late verdict, and their refusals', async () => {
		const one = await call('GET', '/api/v1/attempts/b-1');
		expect(one.body).toMatchObject({ id: 'b-1', costSource: 'price_book', verdict: 'reject' });
		const patched = await call('PATCH', '/api/v1/attempts/b-1', {
			body: JSON.stringify({ verdict: 'reject', rejectReason: 'warped hands' })
		});
		expect(patched.body).toMatchObject({
			rejectReason: 'warped hands',
			verdictBy: expect.stringMatching(/^key:/)
		});
		expect((await call('GET', '/api/v1/attempts/none-such')).status).toBe(404);
		expect((await call('GET', '/api/v1/attempts/%20b-1')).status).toBe(400);
		expect((await call('PATCH', '/api/v1/attempts/none-such', { body: '{"verdict":"keep"}' })).status).toBe(
			404
		);
		expect((await call('PATCH', '/api/v1/attempts/b-1', { body: '{"verdict":"maybe"}' })).status).toBe(400);
	});

	test('imports: CSV, NDJSON, a dry run, and what is refused before reading', async () => {
		const csv = await call('GET', '/api/v1/attempts.csv?project=spec');
		expect(String(csv.body).split('\r\n')).toHaveLength(seed.length - 8 + 1 + 1);
		const again = await call('POST', '/api/v1/imports', { body: String(csv.body), type: 'text/csv' });
		expect(again.body).toMatchObject({ accepted: 0, refusedCount: 0, dryRun: false });
		const ndjson = [take('n-1', 'sora-2'), { ...take('n-2', 'sora-2'), durationSeconds: 0 }]
			.map((a) => JSON.stringify(a))
			.join('\n');
		const dry = await call('POST', '/api/v1/imports?dryRun=true', {
			body: ndjson,
			type: 'application/x-ndjson'
		});
		expect(dry.body).toMatchObject({ lines: 2, accepted: 1, refusedCount: 1, dryRun: true });
		expect(
			(await call('POST', '/api/v1/imports?dryRun=perhaps', { body: ndjson, type: 'text/csv' })).status
		).toBe(400);
		expect((await call('POST', '/api/v1/imports', { body: ndjson })).status).toBe(415);
	});

	test('figures and exports, and a bad query', async () => {
		const summary = await call('GET', '/api/v1/summary?from=2026-11-01&to=2026-12-01');
		expect((summary.body as { comparisons: unknown[] }).comparisons).toHaveLength(1);
		const advice = await call('GET', '/api/v1/recommendations?segmentsBy=tag&whatIf=creator');
		expect((advice.body as { pairs: unknown[] }).pairs).toHaveLength(1);
		const reasons = await call('GET', '/api/v1/reject-reasons?tag=close-up');
		expect((reasons.body as { reasons: unknown[] }).reasons.length).toBeGreaterThan(0);
		const shots = await call('GET', '/api/v1/shots?tag=close-up');
		expect((shots.body as { models: unknown[] }).models.length).toBeGreaterThan(0);
		const weekly = await call('GET', '/api/v1/weekly?week=2026-W48');
		expect((weekly.body as { spendUsd: number }).spendUsd).toBeGreaterThan(0);
		const csv = await call('GET', '/api/v1/weekly.csv?from=2026-11-01');
		expect(String(csv.body)).toContain('2026-W48');
		expect((await call('GET', '/api/v1/summary?from=yesterday')).status).toBe(400);
		expect((await call('GET', '/api/v1/recommendations?whatIf=tag')).status).toBe(400);
		expect((await call('GET', '/api/v1/shots?colour=red')).status).toBe(400);
		expect((await call('GET', '/api/v1/reject-reasons?from=yesterday')).status).toBe(400);
		expect((await call('GET', '/api/v1/weekly?week=2026-W60')).status).toBe(400);
		expect((await call('GET', '/api/v1/attempts.csv?to=2026-13-01')).status).toBe(400);
		expect((await call('GET', '/api/v1/weekly.csv?project=Not%20A%20Slug')).status).toBe(400);
		expect((await call('GET', '/api/v1/summary', { key: 'kr_unknown' })).status).toBe(401);
	});

	test('health and the document itself need no key; the document is cacheable', async () => {
		expect((await call('GET', '/api/health', { key: null })).body).toMatchObject({ status: 'ok' });
		const served = await call('GET', '/api/v1/openapi.json', { key: null });
		expect(served.body).toEqual(JSON.parse(JSON.stringify(document)));
		expect(served.headers.get('cache-control')).toBe('public, max-age=300');
		const etag = served.headers.get('etag')!;
		const unchanged = await fetch(`${server.url}/api/v1/openapi.json`, {
			headers: { 'if-none-match': etag }
		});
		expect(unchanged.status).toBe(304);
		// Every other answer still says not to store it.
		expect((await fetch(`${server.url}/api/health`)).headers.get('cache-control')).toBe('no-store');
	});

	test('a key past its rate limit gets a 429 with Retry-After', async () => {
		// The default limit is 600 ingestion requests a minute per key: PATCHes of an unknown id, in parallel,
		// each answer checked against the document.
		const statuses: number[] = [];
		for (let round = 0; round < 20 && !statuses.includes(429); round++) {
			const answers = await Promise.all(
				Array.from({ length: 50 }, () =>
					call('PATCH', '/api/v1/attempts/none-such', { body: '{"verdict":"keep"}' })
				)
			);
			statuses.push(...answers.map((a) => a.status));
		}
		expect(statuses).toContain(429);
		expect(new Set(statuses)).toEqual(new Set([404, 429]));
	});

	test('every route was answered with its 200', () => {
		const operations = Object.entries(paths).flatMap(([path, item]) =>
			Object.keys(item).map((method) => `${method.toUpperCase()} ${path} 200`)
		);
		expect(operations.filter((o) => !seen.has(o))).toEqual([]);
	});
});
