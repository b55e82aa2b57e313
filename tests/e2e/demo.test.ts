// The demo as a newcomer meets it: every take's clip is served by the app itself, and the review queue plays
// the oldest pending take's clip instead of the "No clip link" box.
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CLIP_ORIGIN, playableClipUrl } from '../../src/lib/demo-clips';
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

describe('demo clips', () => {
	test("every demo take's clip is served by the app as a video", async () => {
		const response = await server.api('/api/v1/attempts.csv?from=2000-01-01&to=2100-01-01');
		expect(response.status).toBe(200);
		const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
		expect(rows.length).toBeGreaterThan(1000);
		const links = new Set<string>();
		for (const row of rows) {
			// A failed generation has no clip; every other take has one of the demo's.
			if (row.status === 'failed') expect(row.videoUrl, row.id).toBe('');
			else expect(row.videoUrl.startsWith(`${DEMO_CLIP_ORIGIN}/`), row.id).toBe(true);
			if (row.videoUrl) links.add(row.videoUrl);
		}
		expect(links.size).toBeGreaterThanOrEqual(10);
		for (const link of links) {
			const clip = await fetch(server.url + playableClipUrl(link));
			expect(clip.status, link).toBe(200);
			expect(clip.headers.get('content-type'), link).toMatch(/^video\/webm/);
			expect((await clip.arrayBuffer()).byteLength, link).toBeGreaterThan(1000);
		}
	});

	test('the review queue plays the pending take from the app, whatever host it is served from', async () => {
		await page.goto(`${server.url}/review`);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('[data-no-clip]').count()).toBe(0);
		const video = page.locator('video');
		expect(await video.getAttribute('src')).toMatch(/^\/demo\/clips\/[a-z-]+-(base|premium)\.webm$/);
		await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
		expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(0);
		expect(Number(await page.locator('[data-remaining]').getAttribute('data-remaining'))).toBeGreaterThan(10);
	});
});
