// Review labour through the API (issue 15): reviewSeconds on an attempt, and laborUsdPerHour= on every
// figure endpoint, which refuses a value that is not a rate with a 400 naming the parameter.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp } from '../setup/session';

let server: TestServer;

const take = (id: string, model: string, verdict: string, reviewSeconds: number) => ({
	id,
	project: 'labour',
	model,
	durationSeconds: 10,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	verdict,
	reviewSeconds
});

beforeAll(async () => {
	server = await startServer();
	const response = await server.api('/api/v1/attempts', {
		method: 'POST',
		body: JSON.stringify({
			attempts: [
				take('b1', 'sora-2', 'keep', 120),
				take('b2', 'sora-2', 'reject', 90),
				take('p1', 'sora-2-pro', 'keep', 30),
				take('p2', 'sora-2-pro', 'reject', 30)
			]
		})
	});
	expect(response.status, await response.clone().text()).toBe(200);
});
afterAll(async () => {
	await server?.stop();
});

const get = async (path: string) => {
	const response = await server.api(path);
	return { status: response.status, body: await response.text() };
};

describe('reviewSeconds through the API', () => {
	test('GET shows it; PATCH sets it', async () => {
		expect(JSON.parse((await get('/api/v1/attempts/b1')).body).reviewSeconds).toBe(120);
		const patch = await server.api('/api/v1/attempts/b2', {
			method: 'PATCH',
			body: JSON.stringify({ verdict: 'reject', reviewSeconds: 45.5 })
		});
		expect(patch.status).toBe(200);
		expect((await patch.json()).reviewSeconds).toBe(45.5);
	});

	test('a PATCH with a review time that is not one is a 400 naming the field', async () => {
		const patch = await server.api('/api/v1/attempts/b2', {
			method: 'PATCH',
			body: JSON.stringify({ verdict: 'reject', reviewSeconds: -3 })
		});
		expect(patch.status).toBe(400);
		expect((await patch.json()).issues).toEqual([expect.objectContaining({ path: 'reviewSeconds' })]);
	});
});

describe('laborUsdPerHour=', () => {
	const endpoints = [
		'/api/v1/summary',
		'/api/v1/recommendations',
		'/api/v1/weekly?week=2026-W36',
		'/api/v1/weekly.csv'
	];
	const join = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

	test.each(endpoints.flatMap((e) => ['abc', '-5', '10001', '1e3', '12.1234567'].map((v) => [e, v])))(
		'%s refuses laborUsdPerHour=%s with a 400 naming it',
		async (path, value) => {
			const { status, body } = await get(join(path, `laborUsdPerHour=${value}`));
			expect(status).toBe(400);
			const error = JSON.parse(body);
			expect(error.error).toBe('invalid query parameters');
			expect(error.issues).toEqual([
				expect.objectContaining({ path: 'laborUsdPerHour', message: expect.stringContaining('USD per hour') })
			]);
		}
	);

	test('gives the labour figures at the asked rate; without one (and no workspace rate) they are null', async () => {
		const bare = JSON.parse((await get('/api/v1/summary')).body);
		expect(bare.laborUsdPerHour).toBeNull();
		expect(bare.models[0]).toMatchObject({ laborUsd: null, allInCostPerKeptClipUsd: null });

		const priced = JSON.parse((await get('/api/v1/summary?laborUsdPerHour=36')).body);
		expect(priced.laborUsdPerHour).toBe(36);
		const base = priced.models.find((m: { model: string }) => m.model === 'sora-2');
		// 120 s + 45.5 s at $36 an hour = $1.655; the bill is $2 (two $1 takes); one kept.
		expect(base).toMatchObject({
			reviewSeconds: 165.5,
			laborUsd: 1.655,
			allInSpendUsd: 3.655,
			allInCostPerKeptClipUsd: 3.655
		});
		// The premium: $6 of takes and 60 s ($0.60) of review, over two decided attempts.
		expect(priced.comparisons[0].allInCostRatio).toBeCloseTo(6.6 / 2 / (3.655 / 2), 12);

		const advice = JSON.parse((await get('/api/v1/recommendations?laborUsdPerHour=36')).body);
		expect(advice.pairs[0].overall.allInCostRatio).toBe(priced.comparisons[0].allInCostRatio);
		// One project: its segment is the pair, all-in too; the all-in what-if spends the bill and the review.
		const [segment] = advice.pairs[0].segments.listed;
		expect(segment.base.allInCostPerKeptClipUsd).toBe(3.655);
		expect(segment.premium.allInCostPerKeptClipUsd).toBe(6.6);
		expect(segment.advice.allInCostRatio).toBe(advice.pairs[0].overall.allInCostRatio);
		expect(segment.advice.allInRecommendation).toBe(advice.pairs[0].overall.allInRecommendation);
		expect(advice.pairs[0].whatIf.allIn.actualUsd).toBeCloseTo(3.655 + 6.6, 9);
		const unpriced = JSON.parse((await get('/api/v1/recommendations')).body).pairs[0];
		expect(unpriced.whatIf.allIn).toBeNull();
		expect(unpriced.segments.listed[0].advice.allInRecommendation).toBeNull();
		expect(unpriced.segments.listed[0].base.allInCostPerKeptClipUsd).toBeNull();
		const week = JSON.parse((await get('/api/v1/weekly?week=2026-W36&laborUsdPerHour=36')).body);
		expect(week.allInSpendUsd).toBeCloseTo(3.655 + 6.6, 9);
		const csv = (await get('/api/v1/weekly.csv?laborUsdPerHour=36')).body;
		expect(csv).toContain('165.5,1.655000,3.655000,3.655000');
	});
});

describe('the workspace rate in Settings', () => {
	test('an admin sets it, a bad one is refused by name, and the figures use it unless a request asks', async () => {
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const refused = await owner.post('/settings?/settings', { timeZone: 'UTC', laborUsdPerHour: '-4' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Review labour rate must be a number of USD per hour');
		expect(JSON.parse((await get('/api/v1/summary')).body).laborUsdPerHour).toBeNull();

		const saved = await owner.post('/settings?/settings', { timeZone: 'UTC', laborUsdPerHour: '36' });
		expect(saved.status).toBe(200);
		const summary = JSON.parse((await get('/api/v1/summary')).body);
		expect(summary.laborUsdPerHour).toBe(36);
		expect(summary.models.find((m: { model: string }) => m.model === 'sora-2').laborUsd).toBe(1.655);
		expect(JSON.parse((await get('/api/v1/summary?laborUsdPerHour=0')).body).models[0].laborUsd).toBe(0);

		const cleared = await owner.post('/settings?/settings', { timeZone: 'UTC', laborUsdPerHour: '' });
		expect(cleared.status).toBe(200);
		expect(JSON.parse((await get('/api/v1/summary')).body).laborUsdPerHour).toBeNull();
	});
});
