// The overview in a real browser, against the built app on its own empty database: from the empty state,
// through the demo data, to filters driven by mouse and by keyboard.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatUsd } from '../../src/lib/format';
import { PALETTE } from '../../src/lib/charts/palette';
import { startServer, type TestServer } from '../setup/server';
import { openBrowser, signIn, type Browser } from '../setup/browser';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
	server = await startServer();
	browser = await openBrowser();
	page = browser.page;
	problems = browser.problems;
	await signIn(page, server);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const spendFigure = () => page.locator('[data-figure="spend"] .figure-value').innerText();

/** Spend over [from, to) as the API sums it, formatted the way the headline shows it. */
async function apiSpend(query: URLSearchParams): Promise<string> {
	const response = await server.api(`/api/v1/summary?${query}`);
	expect(response.status).toBe(200);
	const body = (await response.json()) as { models: { spendUsd: number }[] };
	// Micro-dollars are integers: summing in micros avoids float drift before formatting.
	const micros = body.models.reduce((sum, m) => sum + Math.round(m.spendUsd * 1e6), 0);
	return formatUsd(micros / 1e6);
}

/** How many pixels of a canvas are painted in a model colour: bars and dots, not just axes and text. */
const modelPixels = (selector: string) =>
	page.locator(selector).evaluate((canvas: HTMLCanvasElement, palette: readonly string[]) => {
		const wanted = new Set(palette.map((hex) => Number.parseInt(hex.slice(1), 16)));
		const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
		let painted = 0;
		for (let i = 0; i < data.length; i += 4) {
			if (data[i + 3] === 255 && wanted.has((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])) painted++;
		}
		return painted;
	}, PALETTE);

describe('overview', () => {
	test('an empty workspace shows a ready-to-paste curl command and no dashboard', async () => {
		await page.goto(server.url);
		await page.getByRole('heading', { name: 'No attempts yet' }).waitFor();
		const command = await page.locator('.code-block pre').innerText();
		expect(command).toContain(`curl -X POST ${server.url}/api/v1/attempts`);
		expect(command).toContain('-H "Authorization: Bearer $KEEPRATE_API_KEY"');
		expect(command).toContain('"model": "veo-3.1-fast-generate-preview"');
		expect(await page.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
		expect(await page.locator('[data-figure]').count()).toBe(0);
		expect(await page.title()).toBe('Get started · keeprate');
	});

	test('loading the demo data shows a busy button, then a populated dashboard', async () => {
		await page.getByRole('button', { name: 'Load demo data' }).click();
		const busy = page.getByRole('button', { name: 'Loading demo data…' });
		await busy.waitFor({ timeout: 5_000 });
		expect(await busy.isDisabled()).toBe(true);
		await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 45_000 });
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.locator('[data-figure]').count()).toBe(5);
		expect(await page.title()).toBe('Overview · All projects · keeprate');
	});

	test('the headline spend is the API total for the range shown', async () => {
		const from = await page.locator('#filter-from').inputValue();
		const until = await page.locator('#filter-to').inputValue();
		const to = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		const spend = await spendFigure();
		expect(spend).toMatch(/^\$\d[\d,]*\.\d{2}$/);
		expect(spend).toBe(await apiSpend(new URLSearchParams({ from, to })));
	});

	// Bars fill thousands of pixels; the keep-rate chart's solid colour is only in its six dots.
	test.each([
		['cost-per-kept-clip', 2_000],
		['keep-rate', 150],
		['weekly-spend', 5_000]
	])('the %s chart has painted its marks in model colours', async (id, atLeast) => {
		const canvas = `[data-chart="${id}"] canvas`;
		await expect.poll(() => modelPixels(canvas), { timeout: 10_000 }).toBeGreaterThan(atLeast);
	});

	test('the break-even panel says where the premium tier pays for itself', async () => {
		const chips = page.locator('.break-even .chip');
		expect(await chips.count()).toBeGreaterThan(0);
		expect(await chips.allInnerTexts()).toContain('Pays for itself');
		const sentence = await page.locator('.break-even .sentence').first().innerText();
		expect(sentence).toMatch(
			/must keep ≥ \d+% of takes to pay for itself over .+; it keeps \d+% \(\d+–\d+%\)\./
		);
	});

	test('picking a project puts it in the URL and changes the figures', async () => {
		const before = await spendFigure();
		await page.locator('#filter-project').selectOption('lumen-watch-launch');
		await page.getByRole('button', { name: 'Apply' }).click();
		await page.waitForURL(/project=lumen-watch-launch/);
		const query = new URL(page.url()).searchParams;
		await expect.poll(spendFigure).not.toBe(before);
		expect(await spendFigure()).toBe(await apiSpend(query));
		expect(await page.title()).toBe('Overview · lumen-watch-launch · keeprate');
	});

	test('the filter form is reachable with Tab and submits with Enter, keeping the last day', async () => {
		await page.goto(server.url);
		await page.locator('#filter-from').waitFor();
		let focused = '';
		for (let presses = 0; presses < 15 && focused !== 'filter-from'; presses++) {
			await page.keyboard.press('Tab');
			focused = await page.evaluate(() => document.activeElement?.id ?? '');
		}
		expect(focused).toBe('filter-from');
		const until = await page.locator('#filter-to').inputValue();
		await page.keyboard.press('Enter');
		await page.waitForURL(/[?&]from=/);
		const query = new URL(page.url()).searchParams;
		// The form shows the inclusive last day; the URL holds the exclusive end, one day later.
		const exclusive = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		expect(query.get('to')).toBe(exclusive);
		expect(query.has('project')).toBe(false);
		expect(await page.locator('#filter-to').inputValue()).toBe(until);
	});

	test('no script error or refused resource on the way', () => {
		expect(problems).toEqual([]);
	});
});
