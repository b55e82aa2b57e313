// Issue 13: a date in the API means the day in the workspace's time zone, as on the pages. For a workspace
// in Los Angeles or Kolkata the API's `from=2026-11-02` used to start at UTC midnight while the overview's
// started at local midnight, so the same dates gave different totals.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { unflatten } from 'devalue';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp, type HttpUser } from '../setup/session';

let server: TestServer;
let owner: HttpUser;

const HOUR = 3_600_000;
const MINUTE = 60_000;

// Attempts on each side of local midnight in both zones, across the end of daylight saving time in Los
// Angeles (2026-11-01): every 37 minutes from Oct 30 to Nov 6, plus one a second either side of each
// zone's midnights. Costs are reported, so the expected spend needs no price book.
const instants: number[] = [];
for (let t = Date.parse('2026-10-30T00:00:00Z'); t < Date.parse('2026-11-06T00:00:00Z'); t += 37 * MINUTE) {
	instants.push(t);
}
for (const day of ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']) {
	const utcMidnight = Date.parse(`${day}T00:00:00Z`);
	// Los Angeles: UTC-7 before Nov 1 02:00, UTC-8 after; Kolkata: UTC+5:30.
	for (const offset of [7 * HOUR, 8 * HOUR, -5.5 * HOUR]) {
		instants.push(utcMidnight + offset - 1000, utcMidnight + offset, utcMidnight + offset + 1000);
	}
}

// Model and verdict by a multiplicative hash of the index, not a cycle: with a cycle, shifting a range's
// both ends by the same hours can keep every count by chance.
const hash = (i: number, k: number) => Math.floor(((i * 2654435761 + k * 40503) % 4294967296) / 65536);

const attempts = instants.map((t, i) => ({
	id: `dates-${i}`,
	project: 'dates',
	model: hash(i, 1) % 3 === 0 ? 'sora-2' : 'sora-2-pro',
	durationSeconds: 8,
	resolution: '1280x720',
	costUsd: 0.25 + (i % 7) * 0.5,
	verdict: ['reject', 'keep', 'keep', 'pending'][hash(i, 2) % 4],
	// One take per shot: a range holds as many shots as attempts.
	shotId: `dates-shot-${i}`,
	createdAt: new Date(t).toISOString()
}));

/** The local day of an instant, by the platform's own calendar (not the app's startOfDay). */
const localDay = (t: number, timeZone: string) =>
	new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);

/** What a range [from, to) of local days holds, computed here from the attempts as sent. */
function expected(timeZone: string, from: string, to: string) {
	const inRange = attempts.filter((a) => {
		const day = localDay(Date.parse(a.createdAt), timeZone);
		return day >= from && day < to;
	});
	const micros = inRange.reduce((sum, a) => sum + Math.round(a.costUsd * 1e6), 0);
	// One take per shot: a kept take is a kept shot, a rejected one abandoned, a pending one in review.
	const shots = [...new Set(inRange.map((a) => a.model))].sort().map((model) => {
		const of = inRange.filter((a) => a.model === model);
		const count = (verdict: string) => of.filter((a) => a.verdict === verdict).length;
		return {
			model,
			shots: of.length,
			keptShots: count('keep'),
			abandoned: count('reject'),
			inReview: count('pending')
		};
	});
	return { attempts: inRange.length, spendUsd: micros / 1e6, ids: inRange.map((a) => a.id).sort(), shots };
}

async function setZone(timeZone: string) {
	const response = await owner.post('/settings?/settings', { timeZone, digestWebhookUrl: '' });
	expect(response.status).toBe(200);
	const page = await response.text();
	expect(page).toContain('form: {form:"settings",saved:true}');
	expect(page).toContain(`timeZone:"${timeZone}"`);
}

async function apiJson<T>(path: string): Promise<T> {
	const response = await server.api(path);
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as T;
}

interface ModelRow {
	model: string;
	attempts: number;
	spendUsd: number;
}

/** The overview page's own data for a range, as its loader returns it to the browser. */
async function overviewData(query: string): Promise<{ models: ModelRow[]; comparisons: unknown[] }> {
	const response = await owner.get(`/__data.json?${query}`);
	expect(response.status).toBe(200);
	const body = (await response.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	const nodes = body.nodes.filter((n) => n?.type === 'data').map((n) => unflatten(n!.data as never));
	const page = nodes.find((d) => d && typeof d === 'object' && 'models' in d);
	expect(page).toBeDefined();
	return page as { models: ModelRow[]; comparisons: unknown[] };
}

const total = (rows: ModelRow[]) => ({
	attempts: rows.reduce((n, r) => n + r.attempts, 0),
	spendUsd: Math.round(rows.reduce((n, r) => n + r.spendUsd, 0) * 1e6) / 1e6
});

beforeAll(async () => {
	server = await startServer();
	owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	for (let i = 0; i < attempts.length; i += 500) {
		const response = await server.api('/api/v1/attempts', {
			method: 'POST',
			body: JSON.stringify({ attempts: attempts.slice(i, i + 500) })
		});
		expect(response.status, await response.clone().text()).toBe(200);
	}
});
afterAll(async () => {
	await server?.stop();
});

const ranges: [string, string][] = [
	['2026-11-02', '2026-11-03'],
	['2026-10-31', '2026-11-04'],
	['2026-11-01', '2026-11-02']
];

describe.each(['America/Los_Angeles', 'Asia/Kolkata', 'UTC'])('a workspace in %s', (timeZone) => {
	beforeAll(() => setZone(timeZone));

	test.each(ranges)(
		'the API summary from %s to %s counts the days of the zone, as the overview page does',
		async (from, to) => {
			const want = expected(timeZone, from, to);
			const query = `from=${from}&to=${to}&project=dates`;
			const api = await apiJson<{ models: ModelRow[]; comparisons: unknown[] }>(`/api/v1/summary?${query}`);
			expect(total(api.models)).toEqual({ attempts: want.attempts, spendUsd: want.spendUsd });
			// Every figure of the page, not only the totals.
			const page = await overviewData(query);
			expect(api.models).toEqual(page.models);
			expect(api.comparisons).toEqual(page.comparisons);
		}
	);

	test('the attempts CSV and the weekly CSV of a range hold the attempts of its local days', async () => {
		const [from, to] = ranges[1];
		const want = expected(timeZone, from, to);
		const csv = await (await server.api(`/api/v1/attempts.csv?from=${from}&to=${to}&project=dates`)).text();
		const ids = csv
			.trim()
			.split('\n')
			.slice(1)
			.map((line) => line.split(',')[0])
			.sort();
		expect(ids).toEqual(want.ids);
		const weekly = (await (await server.api(`/api/v1/weekly.csv?from=${from}&to=${to}&project=dates`)).text())
			.trim()
			.split('\n');
		const column = weekly[0].split(',').indexOf('attempts');
		const counted = weekly.slice(1).reduce((n, line) => n + Number(line.split(',')[column]), 0);
		expect(counted).toBe(want.attempts);
	});

	test('shots and recommendations of a range cover its local days', async () => {
		const [from, to] = ranges[1];
		const query = `from=${from}&to=${to}&project=dates`;
		const shots = await apiJson<{ models: Record<string, unknown>[] }>(`/api/v1/shots?${query}`);
		const fields = ['model', 'shots', 'keptShots', 'abandoned', 'inReview'];
		const got = shots.models
			.map((m) => Object.fromEntries(fields.map((f) => [f, m[f]])))
			.sort((a, b) => String(a.model).localeCompare(String(b.model)));
		expect(got).toEqual(expected(timeZone, from, to).shots);
		const summary = await apiJson<{ comparisons: Record<string, unknown>[] }>(`/api/v1/summary?${query}`);
		const advice = await apiJson<{ pairs: { overall: Record<string, unknown> }[] }>(
			`/api/v1/recommendations?${query}`
		);
		expect(summary.comparisons.length).toBeGreaterThan(0);
		for (const field of ['family', 'baseKeepRate', 'premiumKeepRate', 'baseCostPerKeptClipUsd']) {
			expect(advice.pairs.map((p) => p.overall[field])).toEqual(summary.comparisons.map((c) => c[field]));
		}
	});

	test('a date-time with an offset keeps meaning that instant, whatever the zone', async () => {
		const from = '2026-11-02T08:00:00Z';
		const to = '2026-11-02T20:30:00+05:30';
		const want = attempts.filter((a) => {
			const t = Date.parse(a.createdAt);
			return t >= Date.parse(from) && t < Date.parse(to);
		}).length;
		const query = new URLSearchParams({ from, to, project: 'dates' });
		const api = await apiJson<{ models: ModelRow[] }>(`/api/v1/summary?${query}`);
		expect(total(api.models).attempts).toBe(want);
	});
});
