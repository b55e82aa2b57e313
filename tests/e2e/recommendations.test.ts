// "Decide with confidence": the recommendations and shots pages in a real browser, on the demo data.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PALETTE } from '../../src/lib/charts/palette';
import { formatUsd } from '../../src/lib/format';
import { startServer, type TestServer } from '../setup/server';
import { openBrowser, signIn, type Browser } from '../setup/browser';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
	server = await startServer();
	browser = await openBrowser({ width: 1400, height: 900 });
	page = browser.page;
	problems = browser.problems;
	await signIn(page, server);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** How many pixels of a canvas are painted in a palette colour (bars, dots), not just axes and text. */
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

type Chip = 'premium' | 'base' | 'undecided';
/** The chip names the model to use (a middle tier is never called premium). */
const chips = (dear: string, cheap: string): Record<Chip, string> => ({
	premium: `Use ${dear}`,
	base: `Stay on ${cheap}`,
	undecided: 'Too close to call'
});
const firstPair = () => page.locator('article.pair').first();

describe('recommendations', () => {
	test('after loading the demo data, every family pair has a recommendation chip and a rationale', async () => {
		await page.goto(server.url);
		await page.getByRole('button', { name: 'Load demo data' }).click();
		await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 45_000 });
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Recommendations' })
			.click();
		await page.getByRole('heading', { name: 'Recommendations', level: 1 }).waitFor();

		const response = await server.api('/api/v1/recommendations');
		const { pairs } = (await response.json()) as {
			pairs: { family: string; overall: { recommendation: Chip } }[];
		};
		expect(pairs.length).toBeGreaterThan(0);
		expect(await page.locator('article.pair').count()).toBe(pairs.length);
		for (const pair of pairs) {
			const card = page.locator(`article.pair[data-pair="${pair.family}"]`);
			const [dear, cheap] = (await card.locator('h2').innerText()).split(/\s+vs\s+/);
			expect(await card.locator('header .chip').innerText()).toBe(
				chips(dear, cheap)[pair.overall.recommendation]
			);
			expect(await card.locator('.rationale').innerText()).toMatch(/^(Use|Stay on|Too close to call)\b.+\.$/);
		}
		expect(await page.title()).toBe('Recommendations · All projects · keeprate');
	});

	test('each pair shows the chance, the break-even against the keep rate, and the saving', async () => {
		const figures = await firstPair().locator('.pair-figures').innerText();
		expect(figures).toMatch(/keeps\s+\d+% \(\d+–\d+%\)/);
		expect(figures).toMatch(/Break-even keep rate\s+\d+%/);
		expect(figures).toMatch(/Chance .+ is cheaper per usable clip\s+(> 99\.9%|< 0\.1%|\d+(\.\d)?%)/);
		expect(figures).not.toContain('premium');
		expect(figures).toMatch(/Saving per 100 usable clips\s+\$[\d,]+\.\d{2}|To settle it\s+About \d+/);
	});

	test('switching to scene tags shows the segment table and paints the chart in place', async () => {
		const pair = firstPair();
		const canvas = pair.locator('.segment-chart canvas');
		await canvas.evaluate((c) => ((c as HTMLCanvasElement & { marked?: boolean }).marked = true));
		await pair.getByRole('link', { name: /^Scene tag/ }).click();
		await page.waitForURL(/segmentsBy=tag/);
		await pair.locator('.segment-body[data-dimension="tag"]').waitFor();
		expect(await pair.getByRole('link', { name: /^Scene tag/ }).getAttribute('aria-current')).toBe('true');
		expect(await pair.locator('table.segments thead th').first().innerText()).toBe('Scene tag');
		expect(await pair.locator('table.segments tbody tr').count()).toBeGreaterThan(0);
		expect(await pair.locator('table.segments tbody .chip').count()).toBeGreaterThan(0);
		// The same canvas, updated in place: no new chart per switch.
		expect(await canvas.evaluate((c) => (c as HTMLCanvasElement & { marked?: boolean }).marked)).toBe(true);
		await expect
			.poll(() => modelPixels('article.pair >> nth=0 >> .segment-chart canvas'))
			.toBeGreaterThan(40);
	});

	test('the segment links work from the keyboard and keep the focus where it was', async () => {
		const duration = firstPair().getByRole('link', { name: /^Duration/ });
		await duration.focus();
		await page.keyboard.press('Enter');
		await firstPair().locator('.segment-body[data-dimension="duration"]').waitFor();
		expect(await duration.getAttribute('aria-current')).toBe('true');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Duration/);
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await firstPair().locator('.segment-body[data-dimension="creator"]').waitFor();
		expect(page.url()).toMatch(/segmentsBy=creator/);
	});

	test('an unknown segmentsBy is named, and the what-if dimension is shown instead', async () => {
		await page.goto(`${server.url}/recommendations?segmentsBy=colour`);
		expect(await page.getByRole('alert').innerText()).toMatch(/segmentsBy: "colour" is not one of tag/);
		await firstPair().locator('.segment-body[data-dimension="project"]').waitFor();
	});

	test('the what-if box says what following the advice would have cost, with its interval', async () => {
		const sentence = await firstPair().locator('.what-if-sentence').innerText();
		expect(sentence).toMatch(
			/^Over this range, had each project used its recommended tier, spend on this pair would have been \$[\d,]+\.\d{2}( \([−+±]\d+(\.\d)?%\))? instead of \$[\d,]+\.\d{2}; 95% interval \$[\d,]+\.\d{2}–\$[\d,]+\.\d{2}\.$/
		);
		expect(await firstPair().locator('.what-if-note').innerText()).toMatch(/^Built from observed keep rates/);
	});

	test('the what-if dimension is a filter in the URL', async () => {
		// Scene tags overlap (one attempt, several tags), so they are not offered for the what-if.
		expect(await page.locator('#filter-what-if option[value="tag"]').count()).toBe(0);
		await page.locator('#filter-what-if').selectOption('resolution');
		await page.getByRole('button', { name: 'Apply' }).click();
		await page.waitForURL(/whatIf=resolution/);
		await expect
			.poll(() => firstPair().locator('.what-if-sentence').innerText())
			.toMatch(/^Over this range, had each resolution used its recommended tier/);
		await firstPair().locator('.segment-body[data-dimension="resolution"]').waitFor();
	});

	test('a range without attempts explains what a recommendation needs', async () => {
		await page.goto(`${server.url}/recommendations?from=2001-01-01&to=2001-02-01`);
		await page.getByRole('heading', { name: 'No tiers to compare yet' }).waitFor();
		expect(await page.locator('.no-pairs').innerText()).toMatch(/reviewed attempts of both tiers/);
		expect(await page.locator('article.pair').count()).toBe(0);
	});

	test('with the demo’s labour rate, each segment shows its all-in advice beside the bill’s, and the what-if the all-in cost', async () => {
		type Segment = {
			segment: string;
			advice: { recommendation: Chip | null; allInRecommendation: Chip | null } | null;
		};
		type WhatIf = { whatIfUsd: number; actualUsd: number; segmentsChanged: number };
		const response = await server.api('/api/v1/recommendations?segmentsBy=tag');
		const { laborUsdPerHour, pairs } = (await response.json()) as {
			laborUsdPerHour: number | null;
			pairs: {
				family: string;
				segments: { listed: Segment[] };
				whatIf: WhatIf & { allIn: WhatIf | null };
			}[];
		};
		expect(laborUsdPerHour).toBe(45);
		await page.goto(`${server.url}/recommendations?segmentsBy=tag`);
		let flips = 0;
		for (const pair of pairs) {
			const card = page.locator(`article.pair[data-pair="${pair.family}"]`);
			await card.locator('.segment-body[data-dimension="tag"]').waitFor();
			const rows = card.locator('table.segments tbody tr');
			for (const s of pair.segments.listed) {
				if (s.advice === null) continue;
				const row = rows.filter({
					has: page.getByRole('rowheader', { name: s.segment, exact: true })
				});
				expect(await row.locator('[data-all-in]').getAttribute('data-all-in')).toBe(
					s.advice.allInRecommendation ?? 'none'
				);
				const flipped =
					s.advice.allInRecommendation !== null &&
					s.advice.recommendation !== null &&
					s.advice.allInRecommendation !== s.advice.recommendation;
				expect(await row.locator('.flip-note').count()).toBe(flipped ? 1 : 0);
				if (flipped) flips++;
			}
			const allIn = pair.whatIf.allIn!;
			const sentence = await card.locator('[data-all-in-what-if] .all-in-sentence').innerText();
			expect(sentence).toMatch(/^Counting review time at \$45\.00 an hour, /);
			if (allIn.segmentsChanged > 0) {
				expect(sentence).toContain(`${formatUsd(allIn.whatIfUsd)} `);
				expect(sentence).toContain(`instead of ${formatUsd(allIn.actualUsd)};`);
			} else {
				expect(sentence).toContain(`stays ${formatUsd(allIn.actualUsd)}.`);
			}
		}
		// The demo's review times change the advice somewhere (LTX-2's detail shots among them).
		expect(flips).toBeGreaterThan(0);

		await page.setViewportSize({ width: 390, height: 844 });
		await page.reload();
		await firstPair().locator('[data-all-in-what-if]').waitFor();
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
		).toBe(0);
		await page.setViewportSize({ width: 1400, height: 900 });
	});
});

describe('shots', () => {
	test('each model has a painted histogram and its median attempts to the first keep', async () => {
		await page.goto(`${server.url}/recommendations`);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shots' }).click();
		await page.getByRole('heading', { name: 'Shots', level: 1 }).waitFor();
		const cards = page.locator('article.shot-card');
		expect(await cards.count()).toBeGreaterThan(0);
		expect(await cards.first().locator('[data-figure="median"] dd').innerText()).toMatch(/^\d+(\.\d)?$/);
		await expect
			.poll(() => modelPixels('article.shot-card >> nth=0 >> canvas'), { timeout: 10_000 })
			.toBeGreaterThan(500);
	});

	test('says that only attempts with a shotId count, and that a shot counts where its first take falls', async () => {
		const note = await page.locator('[data-note="shot-id"]').innerText();
		expect(note).toMatch(/A shot counts in the range its first take falls in, with all its takes/);
		expect(note).toMatch(
			/Only attempts sent with a shotId count here: [\d,]+ takes of shots started in this range/
		);
	});

	test('the time-to-usable-clip table compares the tiers of each family', async () => {
		const table = page.locator('table[data-table="time-to-usable-clip"]');
		await table.waitFor();
		expect(await table.locator('thead').innerText()).toMatch(/Time to a usable clip \(s\)/);
		expect(await table.locator('.verdict-row').count()).toBeGreaterThan(0);
		expect(await table.locator('.verdict-row').first().innerText()).toMatch(/faster per attempt/);
		await expect
			.poll(() => modelPixels('[data-chart="time-to-usable-clip"] canvas'), { timeout: 10_000 })
			.toBeGreaterThan(1_000);
	});

	test('no script error or refused resource on the way', () => {
		expect(problems).toEqual([]);
	});
});
