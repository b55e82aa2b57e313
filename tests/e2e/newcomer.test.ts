// A newcomer's first attempt in a workspace of their own (issue 13): the empty state used to point at the
// key printed in the server log, which belongs to the Default workspace, so the ready-to-paste command
// wrote into the wrong workspace. Now it creates a key for the workspace shown and fills it in.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../setup/server';
import { signedInBrowser } from '../setup/browser';

const ready = signedInBrowser();
let server: TestServer;
let page: Page;
beforeAll(() => ({ server, page } = ready));

/** The curl command as shown, split into its URL, bearer key and JSON body. */
function parseCurl(command: string) {
	const url = /curl -X POST (\S+)/.exec(command)?.[1];
	const key = /Authorization: Bearer ([^"]+)"/.exec(command)?.[1];
	const body = /-d '([\s\S]*)'/.exec(command)?.[1];
	return { url, key, body };
}

describe('a new workspace', () => {
	test('its empty state creates a key of its own, and the command sends the attempt there', async () => {
		await page.goto(`${server.url}/workspaces/new`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Name').fill('Second studio');
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/'),
			page.getByRole('button', { name: 'Create the workspace' }).click()
		]);
		await page.getByRole('heading', { name: 'No attempts yet' }).waitFor();
		expect(
			await page.getByRole('heading', { name: 'Send your first attempt to Second studio' }).isVisible()
		).toBe(true);
		// Before a key exists the command carries a placeholder, and the page never points at the server log.
		expect(await page.locator('.code-block pre').innerText()).toContain('Bearer $KEEPRATE_API_KEY');
		expect(await page.locator('.empty').innerText()).not.toMatch(/server log/i);

		await page.getByRole('button', { name: 'Create an ingest key for Second studio' }).click();
		await page.locator('[data-key-created]').waitFor();
		const command = await page.locator('.code-block pre').innerText();
		const { url, key, body } = parseCurl(command);
		expect(url).toBe(`${server.url}/api/v1/attempts`);
		expect(key).toMatch(/^kr_[A-Za-z0-9_-]{20,}$/);

		// What the curl command does, with the key as shown.
		const response = await fetch(url!, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: body!
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, updated: 0 });

		// The attempt is counted in Second studio ...
		await page.goto(server.url);
		await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
		expect(await page.locator('[data-figure="spend"] .figure-note').innerText()).toMatch(
			/^1 attempt, pending review included/
		);

		// ... and not in Default, whose key is the one the server log shows.
		const summary = await server.api('/api/v1/summary');
		expect(summary.status).toBe(200);
		expect(((await summary.json()) as { models: unknown[] }).models).toEqual([]);
		expect(ready.browser.problems).toEqual([]);
	});

	test('the key shown once is listed under Settings, API keys, of that workspace', async () => {
		await page.goto(`${server.url}/settings/keys`);
		expect(await page.locator('main').innerText()).toContain('First ingest key (overview)');
	});
});

describe('the projects pages read ranges as the overview does', () => {
	test('an old until= link and its to= twin show the same days; Apply writes the exclusive to=', async () => {
		const shown = async (query: string) => {
			await page.goto(`${server.url}/projects?${query}`, { waitUntil: 'networkidle' });
			return [await page.locator('#range-from').inputValue(), await page.locator('#range-to').inputValue()];
		};
		expect(await shown('from=2026-01-01&until=2026-01-31')).toEqual(['2026-01-01', '2026-01-31']);
		expect(await shown('from=2026-01-01&to=2026-02-01')).toEqual(['2026-01-01', '2026-01-31']);
		await page.locator('#range-to').fill('2026-01-15');
		await Promise.all([
			page.waitForURL(/to=2026-01-16/),
			page.getByRole('button', { name: 'Apply' }).click()
		]);
		const query = new URL(page.url()).searchParams;
		expect([query.get('from'), query.get('to'), query.get('until')]).toEqual([
			'2026-01-01',
			'2026-01-16',
			null
		]);
	});

	test('Projects offers "Last 7 days", as the overview does, in the same URL form', async () => {
		const presets = page.getByRole('navigation', { name: 'Quick date ranges' }).getByRole('link');
		expect(await presets.allInnerTexts()).toEqual([
			'Last 7 days',
			'Last 4 weeks',
			'Last 6 weeks',
			'Last 90 days'
		]);
		const href = new URL((await presets.first().getAttribute('href'))!, server.url);
		const [from, to] = [href.searchParams.get('from')!, href.searchParams.get('to')!];
		expect(href.searchParams.has('until')).toBe(false);
		expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(7);
	});

	test("the overview's project menu says its counts are all time", async () => {
		await page.goto(server.url);
		const option = page.locator('#filter-project option[value="spring-promo"]');
		expect(await option.innerText()).toBe('spring-promo (1 all time)');
	});
});
