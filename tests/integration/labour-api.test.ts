// Review labour through the API (issue 15): reviewSeconds on an attempt, and laborUsdPerHour= on every
// figure endpoint (summary, recommendations, weekly, shots, why clips fail), which refuses a value that is
// not a rate with a 400 naming the parameter; the dashboard pages take it in their URL and agree with the API.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp } from '../setup/session';
import { formatSeconds, formatUsd } from '../../src/lib/format';

let server: TestServer;

const take = (id: string, model: string, verdict: string, reviewSeconds: number) => ({
	id,
	project: 'labour',
	model,
	durationSeconds: 10,
	resolution: '1280x720',
	createdAt: '2026-09-01T10:00:00Z',
	// One shot per model: b1 and b2, p1 and p2.
	shotId: `shot-${id[0]}`,
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
		'/api/v1/weekly.csv',
		'/api/v1/shots',
		'/api/v1/reject-reasons'
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

	test('shots: the review time of every shot, its labour and the all-in spend per kept shot', async () => {
		const bare = JSON.parse((await get('/api/v1/shots')).body);
		expect(bare.laborUsdPerHour).toBeNull();
		expect(bare.models[0]).toMatchObject({
			reviewSeconds: 165.5,
			laborUsd: null,
			allInSpendPerKeptShotUsd: null
		});

		const priced = JSON.parse((await get('/api/v1/shots?laborUsdPerHour=36')).body);
		expect(priced.laborUsdPerHour).toBe(36);
		// sora-2: one shot kept, $2 of takes and 165.5 s of review ($1.655): the summary's all-in per kept clip.
		expect(priced.models).toEqual([
			expect.objectContaining({
				model: 'sora-2',
				spendPerKeptShotUsd: 2,
				reviewSeconds: 165.5,
				laborUsd: 1.655,
				allInSpendPerKeptShotUsd: 3.655
			}),
			expect.objectContaining({
				model: 'sora-2-pro',
				spendPerKeptShotUsd: 6,
				reviewSeconds: 60,
				laborUsd: 0.6,
				allInSpendPerKeptShotUsd: 6.6
			})
		]);
	});

	test('why clips fail: the review time each category wasted, its labour and the all-in', async () => {
		const bare = JSON.parse((await get('/api/v1/reject-reasons')).body);
		expect(bare.laborUsdPerHour).toBeNull();
		expect(bare.reasons.map((r: Record<string, unknown>) => [r.reviewSeconds, r.wastedLaborUsd])).toEqual([
			[75.5, null]
		]);

		const priced = JSON.parse((await get('/api/v1/reject-reasons?laborUsdPerHour=36')).body);
		expect(priced.laborUsdPerHour).toBe(36);
		// The two rejects, sent without a reason: the premium's ($3, 30 s) and the base's ($1, 45.5 s).
		expect(priced.reasons).toEqual([
			expect.objectContaining({
				category: 'unspecified',
				attempts: 2,
				wastedSpendUsd: 4,
				reviewSeconds: 75.5,
				wastedLaborUsd: 0.755,
				wastedAllInUsd: 4.755
			})
		]);
		const perModel = priced.models.map((m: { model: string; reasons: Record<string, unknown>[] }) => [
			m.model,
			m.reasons[0].wastedLaborUsd,
			m.reasons[0].wastedAllInUsd
		]);
		expect(perModel).toEqual([
			['sora-2-pro', 0.3, 3.3],
			['sora-2', 0.455, 1.455]
		]);
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

describe('the pages’ what-if rate (laborUsdPerHour= in the URL)', () => {
	const range = 'from=2026-08-01&to=2026-10-01';
	/** A page's HTML without the comments Svelte marks its blocks with, so that its text reads whole. */
	const withoutMarkers = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
	// The all-in figure of a model's row in the whole-cost table, as the page renders it.
	const allInOf = (html: string, model: string) => {
		const row = html.match(new RegExp(`<tr[^>]*data-all-in="${model}"[\\s\\S]*?</tr>`))?.[0];
		return row && [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].at(-1)?.[1];
	};

	test('the overview, the project report and the weekly review price review at the URL’s rate', async () => {
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const api = JSON.parse((await get(`/api/v1/summary?${range}&laborUsdPerHour=36`)).body);
		const base = api.models.find((m: { model: string }) => m.model === 'sora-2');
		const premium = api.models.find((m: { model: string }) => m.model === 'sora-2-pro');

		for (const path of ['/', '/projects/labour']) {
			const response = await owner.get(`${path}?${range}&laborUsdPerHour=36`);
			expect(response.status, path).toBe(200);
			const html = await response.text();
			expect(allInOf(html, 'sora-2'), path).toBe(formatUsd(base.allInCostPerKeptClipUsd));
			expect(allInOf(html, 'sora-2-pro'), path).toBe(formatUsd(premium.allInCostPerKeptClipUsd));
			expect(html, path).toContain('data-rate-control="what-if"');
			// The filters keep the rate: the form as a hidden field, the quick ranges in their links.
			expect(html, path).toContain('<input type="hidden" name="laborUsdPerHour" value="36"/>');
			expect(html, path).toMatch(/href="[^"]*&amp;laborUsdPerHour=36" class="chip-link"/);
		}

		const week = JSON.parse((await get('/api/v1/weekly?week=2026-W36&laborUsdPerHour=36')).body);
		const weekly = await (await owner.get('/weekly?week=2026-W36&laborUsdPerHour=36')).text();
		const card = weekly.match(/data-figure="all-in-per-kept-clip"[\s\S]*?figure-value">([^<]*)</)?.[1];
		expect(card).toBe(formatUsd(week.allInCostPerKeptClipUsd));
		expect(weekly).toContain('href="./weekly?week=2026-W35&amp;laborUsdPerHour=36"');
		expect(weekly).toContain(
			'href="./export/weekly.csv?from=2026-08-31&amp;until=2026-09-06&amp;laborUsdPerHour=36"'
		);

		const advice = await (await owner.get(`/recommendations?${range}&laborUsdPerHour=36`)).text();
		expect(advice).toContain('data-rate-control="what-if"');
		expect(advice).toContain('<input type="hidden" name="laborUsdPerHour" value="36"/>');
	});

	test('the shots page and why clips fail price review at the URL’s rate, as the API does at it', async () => {
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const shotsApi = JSON.parse((await get(`/api/v1/shots?${range}&laborUsdPerHour=36`)).body);
		const shots = withoutMarkers(await (await owner.get(`/shots?${range}&laborUsdPerHour=36`)).text());
		expect(shotsApi.models.length).toBe(2);
		for (const m of shotsApi.models) {
			// The whole-cost table's row: spend per kept shot, review time, all-in per kept shot.
			const row = shots.match(new RegExp(`<tr[^>]*data-shot-labour="${m.model}"[\\s\\S]*?</tr>`))?.[0];
			const cells = [...(row ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]);
			expect(cells, m.model).toEqual([
				formatUsd(m.spendPerKeptShotUsd),
				formatSeconds(m.reviewSeconds),
				formatUsd(m.allInSpendPerKeptShotUsd)
			]);
		}
		expect(shots).toContain('at $36.00 an hour (what-if)');

		const reasonsApi = JSON.parse((await get(`/api/v1/reject-reasons?${range}&laborUsdPerHour=36`)).body);
		const reasons = withoutMarkers(await (await owner.get(`/reasons?${range}&laborUsdPerHour=36`)).text());
		const total = reasonsApi.reasons.reduce(
			(n: number, r: { wastedLaborUsd: number }) => n + r.wastedLaborUsd,
			0
		);
		expect(reasons).toContain(`${formatUsd(total)} at $36.00 an hour (what-if)`);
		// The Review column of each model's card, in the API's order (one category each here).
		const section = reasons.slice(reasons.indexOf('id="models-title"'), reasons.indexOf('id="tags-title"'));
		const perModel = [...section.matchAll(/data-labour[^>]*>([^<]*)</g)].map((c) => c[1]);
		expect(perModel).toEqual(
			reasonsApi.models.map((m: { reasons: { wastedLaborUsd: number }[] }) =>
				formatUsd(m.reasons[0].wastedLaborUsd)
			)
		);

		for (const [path, html] of [
			['/shots', shots],
			['/reasons', reasons]
		]) {
			expect(html, path).toContain('data-rate-control="what-if"');
			expect(html, path).toContain('<input type="hidden" name="laborUsdPerHour" value="36"/>');
			expect(html, path).toMatch(/href="[^"]*&amp;laborUsdPerHour=36" class="chip-link"/);
		}
	});

	test('without a rate anywhere, the whole-cost table invites trying one', async () => {
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const html = await (await owner.get(`/?${range}`)).text();
		expect(html).toContain('data-all-in-empty');
		expect(html).toContain('No rate set for the workspace: try one here');
		expect(allInOf(html, 'sora-2')).toBeUndefined();

		const shots = await (await owner.get(`/shots?${range}`)).text();
		expect(shots).toContain('data-shot-labour-empty');
		expect(shots).toContain('No rate set for the workspace: try one here');
		expect(shots).not.toContain('data-shot-labour="sora-2"');
		const reasons = await (await owner.get(`/reasons?${range}`)).text();
		expect(reasons).toContain('No rate set for the workspace: try one here');
		expect(reasons).not.toContain('data-labour');
	});

	test('a value that is not a rate shows the filter error and the workspace’s figures, not a crash', async () => {
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		for (const path of ['/', '/recommendations', '/shots', '/reasons', '/weekly', '/projects/labour']) {
			const response = await owner.get(`${path}?laborUsdPerHour=lots`);
			expect(response.status, path).toBe(200);
			const html = await response.text();
			expect(html, path).toContain("showing the workspace's review cost instead");
			expect(html, path).toContain('laborUsdPerHour: "lots" must be a number of USD per hour');
		}
	});

	test('the weekly figures CSV button carries the rate; one that is not a rate is a 400', async () => {
		const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const fromPage = await owner.get(
			'/export/weekly.csv?from=2026-08-01&until=2026-09-30&laborUsdPerHour=36'
		);
		expect(fromPage.status).toBe(200);
		const fromApi = (await get(`/api/v1/weekly.csv?${range}&laborUsdPerHour=36`)).body;
		expect(await fromPage.text()).toBe(fromApi);

		const refused = await owner.get(
			'/export/weekly.csv?from=2026-08-01&until=2026-09-30&laborUsdPerHour=lots'
		);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('must be a number of USD per hour');
	});
});
