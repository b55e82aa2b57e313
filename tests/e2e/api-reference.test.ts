// The API reference (/docs/api) in a real browser: readable without signing in, rendered from the served
// OpenAPI document by the renderer the app bundles, with no request leaving this machine; linked from the
// app's footer and from Settings → API keys.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openApiDocument } from '../../src/lib/server/openapi/document';
import { openBrowser, signIn, type Browser } from '../setup/browser';
import { startServer, type TestServer } from '../setup/server';

let server: TestServer;
let browser: Browser;
const elsewhere: string[] = [];
const requested: string[] = [];

beforeAll(async () => {
	server = await startServer();
	browser = await openBrowser();
	// Anything not for this server is refused and noted: the page must need nothing from elsewhere.
	await browser.context.route('**/*', (route) => {
		const url = route.request().url();
		requested.push(url);
		if (!url.startsWith(server.url) && !url.startsWith('data:')) {
			elsewhere.push(url);
			return route.abort();
		}
		return route.continue();
	});
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

test('the reference renders every endpoint without sign-in, and nothing is fetched from elsewhere', async () => {
	const { page } = browser;
	await page.goto(`${server.url}/docs/api`, { waitUntil: 'networkidle' });
	expect(new URL(page.url()).pathname).toBe('/docs/api');
	await page.locator('.opblock-summary-path').first().waitFor({ timeout: 30_000 });
	const shown = await page.locator('.opblock-summary-path').allInnerTexts();
	const paths = Object.keys(openApiDocument().paths as object);
	// Each path once per method: GET and PATCH /api/v1/attempts/{id} are two blocks.
	expect(new Set(shown.map((p) => p.replace(/\u200b/g, '')))).toEqual(new Set(paths));
	const operations = Object.values(openApiDocument().paths as Record<string, object>).flatMap((item) =>
		Object.keys(item).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
	);
	expect(shown).toHaveLength(operations.length);
	await page.getByText('/api/v1/summary', { exact: true }).click();
	await expect.poll(() => page.getByText('Start of the range, included').count()).toBeGreaterThan(0);
	expect(requested.some((u) => u.endsWith('/api/v1/openapi.json'))).toBe(true);
	expect(requested.some((u) => /\/_app\/immutable\/assets\/swagger-ui-bundle\.[\w-]+\.js$/.test(u))).toBe(
		true
	);
	expect(elsewhere).toEqual([]);
	expect(browser.problems).toEqual([]);
});

test('it fits a phone and a desktop with operations open: nothing scrolls sideways', async () => {
	const { page } = browser;
	for (const width of [390, 1400]) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`${server.url}/docs/api`, { waitUntil: 'networkidle' });
		for (const path of ['/api/v1/attempts', '/api/v1/recommendations']) {
			await page.getByText(path, { exact: true }).first().click();
		}
		await expect.poll(() => page.locator('.responses-table').count()).toBeGreaterThanOrEqual(2);
		const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(scroll, `at ${width} px`).toBe(width);
	}
	expect(browser.problems).toEqual([]);
});

test('the footer and Settings → API keys link to it', async () => {
	const { page } = browser;
	await signIn(page, server);
	await page.goto(`${server.url}/settings/keys`);
	await page.getByRole('link', { name: 'API reference' }).first().click();
	await page.waitForURL((url) => url.pathname === '/docs/api');
	await page.goto(`${server.url}/`);
	await page.getByRole('contentinfo').getByRole('link', { name: 'API reference' }).click();
	await page.waitForURL((url) => url.pathname === '/docs/api');
	expect(elsewhere).toEqual([]);
});
