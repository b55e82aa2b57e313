// Every page on a phone (390 px) and on a desktop (1400 px), in one browser on one server with the demo
// data and two workspaces: no page scrolls sideways (a wide table scrolls inside its own box), the header
// stays on one row at 1400 px, and a screenshot of each page at each width lands in a temp folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_ADMIN, startServer, type TestServer } from '../setup/server';
import { openBrowser, signIn, type Browser } from '../setup/browser';
import { formatUsd } from '../../src/lib/format';

const WIDTHS = [390, 1400] as const;
const shots = mkdtempSync(join(tmpdir(), 'keeprate-layout-'));

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	// No owner from the environment: the first-owner setup page is reachable, through the link the log prints.
	server = await startServer({
		env: { KEEPRATE_DEMO: '1', KEEPRATE_INIT_ADMIN_EMAIL: '', KEEPRATE_INIT_ADMIN_PASSWORD: '' }
	});
	browser = await openBrowser({ width: 390, height: 844 });
	page = browser.page;
	// Charts drawn at once, without animation: the screenshots show them whole, and no wait is needed.
	await page.emulateMedia({ reducedMotion: 'reduce' });
	console.log(`layout screenshots: ${shots}`);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

interface Width {
	scroll: number;
	window: number;
	/** Elements that reach past the window's right edge without a scrolling box to hold them. */
	past: string[];
}

const measure = () =>
	page.evaluate((): Width => {
		const right = window.innerWidth;
		const held = (el: Element) => {
			for (let box = el.parentElement; box; box = box.parentElement) {
				if (getComputedStyle(box).overflowX !== 'visible') return box.getBoundingClientRect().right <= right;
			}
			return false;
		};
		const past = [...document.body.querySelectorAll('*')]
			.filter((el) => el.getBoundingClientRect().right > right + 1 && !held(el))
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
		return { scroll: document.documentElement.scrollWidth, window: right, past };
	});

/** The page at each width, from the phone up and back down (a chart must follow a narrowing window). */
async function checkWidths(name: string) {
	for (const width of [...WIDTHS, WIDTHS[0]]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
		// Charts redraw on a resize; let them settle before measuring.
		await page.waitForFunction(() => document.fonts.status === 'loaded');
		await page.waitForTimeout(150);
		const seen = await measure();
		expect.soft(seen, `${name} at ${width} px`).toMatchObject({ window: width });
		expect
			.soft(seen.scroll, `${name} at ${width} px is wider than the window: ${seen.past.join(', ')}`)
			.toBe(width);
		await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
	}
}

async function visit(path: string, name: string) {
	await page.setViewportSize({ width: 390, height: 844 });
	const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
	expect(response?.status(), `${path} answers`).toBeLessThan(400);
	await checkWidths(name);
}

describe('before anyone signs in', () => {
	test('the first-owner setup page fits both widths, edge to edge', async () => {
		const link = /\/setup\?token=([\w-]+)/.exec(server.output());
		expect(link, 'the log prints the setup link').not.toBeNull();
		await visit(link![0], 'setup');
		// Issue 13: an 8 px white frame around the setup page.
		expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
	});

	test('a setup link that is not valid answers in the same frame, not a bare page', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		const response = await page.goto(`${server.url}/setup?token=not-the-token`);
		expect(response?.status()).toBe(404);
		expect(await page.getByRole('alert').innerText()).toContain('This setup link is not valid');
		expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
		await checkWidths('setup-invalid');
	});

	test('the owner is created through the setup form, then the sign-in page fits too', async () => {
		const link = /\/setup\?token=[\w-]+/.exec(server.output())![0];
		await page.goto(server.url + link, { waitUntil: 'networkidle' });
		await page.getByLabel('Email').fill(TEST_ADMIN.email);
		await page.getByLabel(/^Password/).fill(TEST_ADMIN.password);
		await page.getByLabel('Repeat the password').fill(TEST_ADMIN.password);
		await Promise.all([
			page.waitForURL((url) => !url.pathname.startsWith('/setup'), { waitUntil: 'commit', timeout: 60_000 }),
			page.getByRole('button', { name: 'Create the owner and sign in' }).click()
		]);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL((url) => url.pathname.startsWith('/login'));
		await visit('/login', 'login');
		await signIn(page, server);
	});
});

describe('signed in, with two workspaces', () => {
	beforeAll(async () => {
		// A second workspace puts the workspace switcher in the header; then back to the demo data.
		await page.goto(`${server.url}/workspaces/new`, { waitUntil: 'networkidle' });
		await page.getByLabel('Name').fill('Lumen Studio client work');
		await Promise.all([
			page.waitForURL((url) => !url.pathname.startsWith('/workspaces'), { timeout: 60_000 }),
			page.getByRole('button', { name: 'Create the workspace' }).click()
		]);
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/', { timeout: 60_000 }),
			page.locator('#workspace-switch').selectOption({ label: 'Default workspace' })
		]);
		await page.waitForFunction(
			() =>
				(document.querySelector('#workspace-switch') as HTMLSelectElement | null)?.selectedOptions[0]
					?.text === 'Default workspace'
		);
	});

	const pages = [
		['/', 'overview'],
		['/recommendations', 'recommendations'],
		['/shots', 'shots'],
		['/reasons', 'reasons'],
		['/weekly', 'weekly'],
		['/projects', 'projects'],
		['/review', 'review'],
		['/settings', 'settings'],
		['/settings/prices', 'settings-prices'],
		['/settings/keys', 'settings-keys'],
		['/settings/members', 'settings-members'],
		['/settings/reject-reasons', 'settings-reject-reasons'],
		['/settings/audit', 'settings-audit'],
		['/settings/import', 'settings-import'],
		['/account', 'account'],
		['/workspaces/new', 'new-workspace']
	] as const;

	test.each(pages)('%s fits a phone and a desktop', async (path, name) => {
		await visit(path, name);
	});

	test('the shots page gives the whole cost of a kept shot at the demo’s rate, as the API does', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${server.url}/shots`, { waitUntil: 'networkidle' });
		const answer = (await (await server.api('/api/v1/shots')).json()) as {
			laborUsdPerHour: number;
			models: {
				model: string;
				allInSpendPerKeptShotUsd: number | null;
				spendPerKeptShotUsd: number | null;
			}[];
		};
		expect(answer.laborUsdPerHour).toBe(45);
		expect(await page.locator('.shot-labour .hint').innerText()).toContain('at $45.00 an hour');
		for (const m of answer.models) {
			// Review time only adds: never below the model bill per kept shot.
			expect(m.allInSpendPerKeptShotUsd!).toBeGreaterThan(m.spendPerKeptShotUsd!);
			const cell = page.locator(`[data-shot-labour="${m.model}"] td`).last();
			expect(await cell.innerText()).toBe(formatUsd(m.allInSpendPerKeptShotUsd));
		}
	});

	test('shots and why clips fail price review at a what-if cost from the URL or their control, as the API does', async () => {
		await page.setViewportSize({ width: 1400, height: 900 });
		await page.goto(`${server.url}/shots?laborUsdPerHour=90`, { waitUntil: 'networkidle' });
		const shotsApi = (await (await server.api('/api/v1/shots?laborUsdPerHour=90')).json()) as {
			models: { model: string; allInSpendPerKeptShotUsd: number | null }[];
		};
		expect(await page.locator('.shot-labour .hint').innerText()).toContain('at $90.00 an hour (what-if)');
		expect(await page.locator('.shot-labour [data-rate-status]').innerText()).toContain(
			"review priced at $90.00 an hour, not the workspace's $45.00"
		);
		for (const m of shotsApi.models) {
			const cell = page.locator(`[data-shot-labour="${m.model}"] td`).last();
			expect(await cell.innerText()).toBe(formatUsd(m.allInSpendPerKeptShotUsd));
		}
		await checkWidths('shots-what-if');

		// Why clips fail: a rate typed in the control and sent with Enter keeps the range and the project.
		await page.setViewportSize({ width: 1400, height: 900 });
		await page.goto(`${server.url}/reasons`, { waitUntil: 'networkidle' });
		const project = await page.locator('#filter-project option').nth(1).getAttribute('value');
		await page.goto(`${server.url}/reasons?project=${project}`, { waitUntil: 'networkidle' });
		const input = page.getByLabel('Review cost in USD per hour');
		expect(await input.inputValue()).toBe('45');
		await input.fill('60');
		await input.press('Enter');
		await page.waitForURL(/laborUsdPerHour=60/);
		const url = new URL(page.url());
		expect(url.searchParams.get('project')).toBe(project);
		const query = `from=${url.searchParams.get('from')}&to=${url.searchParams.get('to')}&project=${project}`;
		const reasonsApi = (await (
			await server.api(`/api/v1/reject-reasons?${query}&laborUsdPerHour=60`)
		).json()) as { models: { reasons: { wastedLaborUsd: number }[] }[] };
		const cards = page.locator('section[aria-labelledby="models-title"] table');
		expect(await cards.count()).toBe(reasonsApi.models.length);
		for (const [i, m] of reasonsApi.models.entries()) {
			const first = cards.nth(i).locator('tbody tr').first().locator('[data-labour]');
			expect(await first.innerText()).toBe(formatUsd(m.reasons[0].wastedLaborUsd));
		}
		expect(await page.locator('[data-wasted-review]').innerText()).toContain('at $60.00 an hour (what-if)');
		// The quick ranges keep the rate as they keep the project.
		const preset = await page.getByRole('link', { name: 'Last 90 days' }).getAttribute('href');
		expect(preset).toContain('laborUsdPerHour=60');
		await checkWidths('reasons-what-if');

		await page.setViewportSize({ width: 1400, height: 900 });
		await page.getByRole('link', { name: "Back to the workspace's rate" }).click();
		await page.waitForURL((u) => !u.searchParams.has('laborUsdPerHour'));
		expect(new URL(page.url()).searchParams.get('project')).toBe(project);
		expect(await page.locator('[data-wasted-review]').innerText()).toContain('at $45.00 an hour');
		expect(await page.locator('[data-wasted-review]').innerText()).not.toContain('what-if');
	});

	test('a project report fits a phone and a desktop', async () => {
		await page.goto(`${server.url}/projects`);
		const report = await page.locator('a[href^="/projects/"]').first().getAttribute('href');
		expect(report).toMatch(/^\/projects\/[\w-]+/);
		await visit(report!, 'project-report');
	});

	test('the header, workspace switcher included, stays on one row at 1400 px', async () => {
		await page.setViewportSize({ width: 1400, height: 900 });
		await page.goto(server.url + '/');
		const rows = await page.evaluate(() =>
			[...document.querySelectorAll('.app-header-inner > *')].map((el) => {
				const box = el.getBoundingClientRect();
				return { top: box.top, bottom: box.bottom };
			})
		);
		expect(await page.locator('#workspace-switch option').count()).toBe(2);
		// Every part of the header overlaps the brand's row.
		for (const row of rows) {
			expect(row.top).toBeLessThan(rows[0].bottom);
			expect(row.bottom).toBeGreaterThan(rows[0].top);
		}
	});

	test("the overview's model table shows its last column without scrolling at 1400 px", async () => {
		// The catalog's longest model ids widen the model column most.
		const response = await server.api('/api/v1/attempts', {
			method: 'POST',
			body: JSON.stringify({
				attempts: ['dreamina-seedance-2-0-mini-260615', 'dreamina-seedance-2-0-260128'].map((model) => ({
					id: `layout-${model}`,
					project: 'layout-check',
					model,
					durationSeconds: 5,
					resolution: '1280x720',
					createdAt: new Date(Date.now() - 3_600_000).toISOString()
				}))
			})
		});
		expect(response.status).toBe(200);
		await page.setViewportSize({ width: 1400, height: 900 });
		await page.goto(server.url + '/');
		expect(await page.locator('table.models').innerText()).toContain('dreamina-seedance-2-0-mini-260615');
		const box = page.locator('.table-scroll').filter({ has: page.locator('table.models') });
		const { scroll, client } = await box.evaluate((el) => ({
			scroll: el.scrollWidth,
			client: el.clientWidth
		}));
		expect(scroll).toBeLessThanOrEqual(client);
	});

	test("the review queue's reject-reason legend stays inside its border on a phone", async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(server.url + '/review');
		// R arms the reasons: the legend grows to its longest text.
		await page.locator('body').press('r');
		const fieldset = page.locator('fieldset.reasons');
		await expect.poll(() => fieldset.getAttribute('class')).toContain('armed');
		// A legend on the border starts at the fieldset's top edge, the border drawn through its middle; a
		// legend inside the box starts below the border, and ends before the box's right edge.
		const { outer, legend, border } = await fieldset.evaluate((el) => ({
			outer: el.getBoundingClientRect().toJSON() as DOMRect,
			legend: el.querySelector('legend')!.getBoundingClientRect().toJSON() as DOMRect,
			border: Number.parseFloat(getComputedStyle(el).borderTopWidth)
		}));
		expect(legend.top).toBeGreaterThanOrEqual(outer.top + border);
		expect(legend.right).toBeLessThanOrEqual(outer.right - border);
		await page.screenshot({ path: join(shots, 'review-reasons-390.png'), fullPage: true });
	});
});
