// The weekly budget review and the per-project cost report in a real browser, on six weeks of demo data:
// a budget added through Settings, the review's figures against the API, the CSV download, and the report
// printed to PDF.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { formatUsd } from '../../src/lib/format';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PALETTE } from '../../src/lib/charts/palette';
import { startServer, type TestServer } from '../setup/server';
import { openBrowser, signIn, type Browser } from '../setup/browser';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	server = await startServer({ env: { KEEPRATE_DEMO: '1' } });
	browser = await openBrowser({ width: 1400, height: 900 });
	page = browser.page;
	await signIn(page, server);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

interface Review {
	week: string;
	previous: string;
	spendUsd: number;
	budget: { period: string; amountUsd: number; status: string } | null;
	models: { attempts: number }[];
}

async function apiReview(week?: string): Promise<Review> {
	const response = await server.api(`/api/v1/weekly${week ? `?week=${week}` : ''}`);
	expect(response.status).toBe(200);
	return (await response.json()) as Review;
}

/** Pixels of a canvas painted in a model colour: the bars, not just the axes and text. */
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

const spendFigure = () => page.locator('[data-figure="spend"] .figure-value').innerText();

describe('weekly review', () => {
	test('an admin adds a weekly budget through the Settings form', async () => {
		await page.goto(`${server.url}/settings`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Amount (USD)').fill('0');
		await page.getByRole('button', { name: 'Add budget' }).click();
		// Refused next to the field, which takes the focus.
		const error = page.locator('#budget-amountUsd-error');
		await error.waitFor();
		expect(await error.innerText()).toBe('Enter an amount in USD above 0, e.g. 500');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('budget-amountUsd');

		await page.getByLabel('Period').selectOption('week');
		await page.getByLabel('Amount (USD)').fill('50');
		await page.getByRole('button', { name: 'Add budget' }).click();
		await page.getByText('Budget added: weekly $50.00 for the whole workspace').waitFor();
		expect(await page.locator('[data-budget-id]').count()).toBe(1);
		expect(await page.locator('[data-budget-id] td').allInnerTexts()).toContain('$50.00');
	});

	test('this week shows its spend as the API sums it, against the budget, with its status', async () => {
		await page.goto(`${server.url}/weekly`);
		await page.getByRole('heading', { name: /Weekly review/, level: 1 }).waitFor();
		const review = await apiReview();
		expect(await page.locator('h1').innerText()).toContain(review.week);
		expect(await spendFigure()).toBe(formatUsd(review.spendUsd));
		expect(review.budget).toMatchObject({ period: 'week', amountUsd: 50 });
		const chip = page.locator('[data-budget] .chip');
		expect(await chip.innerText()).toBe(review.budget!.status);
		expect(await page.locator('.budget .amounts').innerText()).toContain('weekly budget of $50.00');
	});

	test('the previous-week link goes to the week before, with its own figures', async () => {
		const before = await apiReview();
		await page.getByRole('link', { name: /Previous week/ }).click();
		await page.waitForURL((url) => url.searchParams.get('week') === before.previous);
		const review = await apiReview(before.previous);
		await expect.poll(spendFigure).toBe(formatUsd(review.spendUsd));
		expect(await page.locator('h1').innerText()).toContain(before.previous);
	});

	test('the spend chart has painted its bars in model colours', async () => {
		const canvas = '[data-chart="weekly-budget"] canvas';
		await expect.poll(() => modelPixels(canvas), { timeout: 10_000 }).toBeGreaterThan(3_000);
		const caption = await page.locator('[data-chart="weekly-budget"] figcaption').innerText();
		expect(caption).toContain('USD per ISO week');
	});

	test('the attempts CSV button downloads one row per attempt of the week', async () => {
		const week = new URL(page.url()).searchParams.get('week')!;
		const review = await apiReview(week);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: /Attempts CSV/ }).click()
		]);
		expect(download.suggestedFilename()).toMatch(
			/^keeprate-attempts-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/
		);
		const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true }) as Record<
			string,
			string
		>[];
		const attempts = review.models.reduce((sum, m) => sum + m.attempts, 0);
		expect(attempts).toBeGreaterThan(0);
		expect(rows).toHaveLength(attempts);
		expect(Object.keys(rows[0])).toEqual(
			expect.arrayContaining(['id', 'project', 'model', 'costUsd', 'verdict'])
		);
	});
});

describe('project report', () => {
	test('lists the projects and opens one report with its figures and charts', async () => {
		await page.goto(`${server.url}/projects`);
		const first = page.locator('[data-project] th a').first();
		const name = await first.innerText();
		await first.click();
		await page.getByRole('heading', { name, level: 1 }).waitFor();
		expect(await page.locator('[data-figure]').count()).toBe(5);
		expect(await page.getByRole('heading', { name: 'Tier advice' }).isVisible()).toBe(true);
		await expect
			.poll(() => modelPixels('[data-chart="cost-trend"] canvas'), { timeout: 10_000 })
			.toBeGreaterThan(300);
	});

	test('prints to an A4 PDF without the app header, filters or buttons', async () => {
		await page.emulateMedia({ media: 'print' });
		try {
			expect(await page.locator('.app-header').isVisible()).toBe(false);
			expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
			expect(await page.locator('form.filters').isVisible()).toBe(false);
			const pdf = await page.pdf({ format: 'A4', printBackground: true });
			expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
			const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
			expect(pages.length).toBeGreaterThanOrEqual(1);
		} finally {
			await page.emulateMedia({ media: 'screen' });
		}
	});

	test('a project that is not in the workspace is a 404', async () => {
		const response = await page.goto(`${server.url}/projects/no-such-project`);
		expect(response?.status()).toBe(404);
	});

	test('no script error on the way', () => {
		// The 404 above logs its failed document load; nothing else may.
		expect(browser.problems.filter((p) => !p.includes('404'))).toEqual([]);
	});
});
