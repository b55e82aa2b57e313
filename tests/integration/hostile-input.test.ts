// Issue 12, "no input gets a 5xx": input the parsers accepted but the database could not hold, through the
// built server. Each refusal is a 4xx in the API's one error shape, naming what and where, and stores
// nothing; pages fall back to their defaults with their filter alert.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp, type HttpUser } from '../setup/session';

let server: TestServer;
let owner: HttpUser;

beforeAll(async () => {
	server = await startServer();
	owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	const seeded = await postText(JSON.stringify(attempt('seed', { project: 'hostile' })));
	expect(seeded.status).toBe(200);
});
afterAll(async () => {
	await server?.stop();
});

const attempt = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	project: 'hostile',
	model: 'sora-2-pro',
	durationSeconds: 8,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	...extra
});

/** A body sent as written: JSON.stringify would escape a lone surrogate the same way, but says so less. */
const postText = (body: string) => server.api('/api/v1/attempts', { method: 'POST', body });

const patch = (id: string, body: unknown) =>
	server.api(`/api/v1/attempts/${id}`, { method: 'PATCH', body: JSON.stringify(body) });

/** A 4xx in the API's error shape: status, a JSON body with `error`, and the issues' paths. */
async function refusal(response: Response, status = 400): Promise<{ error: string; paths: string[] }> {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const body = (await response.json()) as { error: string; issues?: { path: string; message: string }[] };
	expect(typeof body.error).toBe('string');
	return { error: body.error, paths: (body.issues ?? []).map((i) => i.path) };
}

/** The attempts stored in one project, as the summary API counts them. */
async function storedIn(project: string): Promise<number> {
	const response = await server.api(`/api/v1/summary?project=${project}`);
	expect(response.status).toBe(200);
	const { models } = (await response.json()) as { models: { attempts: number }[] };
	return models.reduce((n, m) => n + m.attempts, 0);
}

const READS = [
	'/api/v1/summary',
	'/api/v1/recommendations',
	'/api/v1/shots',
	'/api/v1/reject-reasons',
	'/api/v1/weekly.csv'
];
const CSVS = ['/api/v1/attempts.csv', '/api/v1/weekly.csv'];
const BAD_DATES = [
	'0000-01-01',
	'-271821-04-20T00:00:00Z',
	'+275760-09-13T00:00:00Z',
	'+200000-01-01T00:00:00Z'
];

describe('NUL characters', () => {
	test.each(
		READS.flatMap((path) => [
			['model', path, 'model'],
			['tag', path, 'tag[0]']
		])
	)('a NUL in ?%s= on %s gets a 400 naming it, not a 500', async (param, path, named) => {
		const { paths } = await refusal(await server.api(`${path}?${param}=%00`));
		expect(paths).toEqual([named]);
	});

	test.each(['GET', 'PATCH'])(
		'a NUL in the attempt id of %s /api/v1/attempts/{id} gets a 400 naming id',
		async (method) => {
			const response = await server.api('/api/v1/attempts/seed%00', {
				method,
				...(method === 'PATCH' ? { body: JSON.stringify({ verdict: 'keep' }) } : {})
			});
			expect((await refusal(response)).paths).toEqual(['id']);
			const stored = await (await server.api('/api/v1/attempts/seed')).json();
			expect(stored.verdict).toBe('pending');
		}
	);

	test('a NUL in a late rejectReason gets a 400 naming rejectReason, and the verdict stays', async () => {
		const response = await patch('seed', { verdict: 'reject', rejectReason: 'blurry\u0000' });
		expect((await refusal(response)).paths).toEqual(['rejectReason']);
		const stored = await (await server.api('/api/v1/attempts/seed')).json();
		expect(stored).toMatchObject({ verdict: 'pending' });
		expect(stored.rejectReason ?? null).toBeNull();
	});
});

describe('dates the database cannot hold', () => {
	test.each(READS.slice(0, 3).flatMap((path) => BAD_DATES.map((date) => [path, date])))(
		'%s?from=%s gets a 400 naming from, not a 500',
		async (path, date) => {
			const { paths } = await refusal(await server.api(`${path}?from=${encodeURIComponent(date)}`));
			expect(paths).toEqual(['from']);
		}
	);

	test.each(['0000-W01', '9999-W52'])('/api/v1/weekly?week=%s gets a 400 naming week', async (week) => {
		expect((await refusal(await server.api(`/api/v1/weekly?week=${week}`))).paths).toEqual(['week']);
	});

	// A page takes only YYYY-MM-DD days: the date-times are refused by shape, the far years by range.
	const PAGE_QUERIES = [...BAD_DATES.map((date) => ['from', date]), ['until', '9999-12-31']];
	test.each(
		['/', '/shots', '/recommendations', '/projects/hostile'].flatMap((page) =>
			PAGE_QUERIES.map(([name, value]) => [page, name, value])
		)
	)(
		'the page %s with %s=%s shows the default range and its filter alert, not a 500',
		async (page, name, value) => {
			const response = await owner.get(`${page}?${name}=${encodeURIComponent(value)}`);
			expect(response.status).toBe(200);
			expect(await response.text()).toMatch(new RegExp(`${name}: .{1,40} is not a date`));
		}
	);

	test.each(['0000-W01', '9999-W52'])(
		'the /weekly page with week=%s shows this week and its alert',
		async (week) => {
			const response = await owner.get(`/weekly?week=${week}`);
			expect(response.status).toBe(200);
			expect(await response.text()).toMatch(
				new RegExp(`week: (&quot;|")${week}(&quot;|") is not an ISO week`)
			);
		}
	);
});

describe('CSV exports', () => {
	test.each(CSVS.flatMap((path) => BAD_DATES.map((date) => [path, date])))(
		'%s?from=%s is a 400 JSON error before any CSV byte, not a 200 that drops the connection',
		async (path, date) => {
			const response = await server.api(`${path}?from=${encodeURIComponent(date)}`);
			expect(response.headers.get('content-type')).not.toMatch(/csv/);
			expect((await refusal(response)).paths).toEqual(['from']);
		}
	);

	test.each(['/export/attempts.csv', '/export/weekly.csv'])(
		'the dashboard download %s?from=0000-01-01 is a 400, not a dropped 200',
		async (path) => {
			const response = await owner.get(`${path}?from=0000-01-01`);
			expect(response.status).toBe(400);
			expect(response.headers.get('content-type')).not.toMatch(/csv/);
		}
	);
});

describe('lone UTF-16 surrogates', () => {
	test('metadata {"k": "\\ud800"} gets a 400 naming metadata.k, and nothing is stored', async () => {
		const body = JSON.stringify(attempt('sur-meta', { project: 'sur-meta' })).replace(
			/}$/,
			',"metadata":{"k":"\\ud800"}}'
		);
		const { paths } = await refusal(await postText(body));
		expect(paths).toEqual(['metadata.k']);
		expect(await storedIn('sur-meta')).toBe(0);
	});

	test('an id "sur-a\\ud800" gets a 400 naming id, and so does its resend, storing nothing', async () => {
		const body = JSON.stringify(attempt('sur-a', { project: 'sur-id' })).replace('"sur-a"', '"sur-a\\ud800"');
		for (let send = 0; send < 2; send++) {
			expect((await refusal(await postText(body))).paths).toEqual(['id']);
		}
		expect(await storedIn('sur-id')).toBe(0);
		expect((await server.api('/api/v1/attempts/sur-a%EF%BF%BD')).status).toBe(404);
	});

	test('an id with an emoji (a surrogate pair) is stored and read back exactly as sent', async () => {
		const id = 'shot-🎬-1';
		const response = await postText(JSON.stringify(attempt(id, { project: 'emoji' })));
		expect(response.status).toBe(200);
		const stored = await (await server.api(`/api/v1/attempts/${encodeURIComponent(id)}`)).json();
		expect(stored.id).toBe(id);
	});
});

describe('deeply nested JSON', () => {
	const nested = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

	test('a body nested 10,000 levels gets a 400 naming the limit, not a 500', async () => {
		const { error } = await refusal(await postText(nested(10_000)));
		expect(error).toMatch(/deeper than 64 levels/);
	});

	test('metadata nested 10,000 levels gets a 400 naming the limit, and nothing is stored', async () => {
		const body = JSON.stringify(attempt('deep', { project: 'deep' })).replace(
			/}$/,
			`,"metadata":${nested(10_000)}}`
		);
		const { error } = await refusal(await postText(body));
		expect(error).toMatch(/deeper than 64 levels/);
		expect(await storedIn('deep')).toBe(0);
	});

	test('a late verdict body nested 10,000 levels gets a 400 too', async () => {
		const response = await server.api('/api/v1/attempts/seed', { method: 'PATCH', body: nested(10_000) });
		expect((await refusal(response)).error).toMatch(/deeper than 64 levels/);
	});

	test('metadata nested 20 levels is real metadata, and is stored', async () => {
		const body = JSON.stringify(attempt('nested-ok', { project: 'nested-ok' })).replace(
			/}$/,
			`,"metadata":${nested(20)}}`
		);
		expect((await postText(body)).status).toBe(200);
		expect(await storedIn('nested-ok')).toBe(1);
	});
});

describe('malformed percent-encoding', () => {
	test.each([
		['GET', '/api/v1/attempts/x%ff'],
		['PATCH', '/api/v1/attempts/x%ff']
	])(
		'%s %s (malformed percent-encoding) gets a JSON 400 naming the path, not the HTML error page',
		async (method, path) => {
			const response = await server.api(path, {
				method,
				...(method === 'PATCH' ? { body: JSON.stringify({ verdict: 'keep' }) } : {})
			});
			expect((await refusal(response)).paths).toEqual(['path']);
		}
	);

	test('an unknown /api path gets a JSON 404', async () => {
		const response = await server.api('/api/v1/no-such-thing', { headers: { accept: 'text/html' } });
		expect((await refusal(response, 404)).error).toMatch(/no such API route/);
	});

	test('a method a route does not take gets a JSON 405 naming the methods it takes, not plain text', async () => {
		const response = await server.api('/api/v1/recommendations', { method: 'PUT', body: '{}' });
		expect((await refusal(response, 405)).error).toMatch(/it takes .*GET/);
		expect(response.headers.get('allow')).toMatch(/GET/);
	});
});
