// "Sign out everywhere" in a real browser: the account page counts the other sessions, and the button
// (once confirmed) ends them all, this browser's too, landing on the sign-in page with a notice.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { openBrowser, signIn, type Browser } from '../setup/browser';
import { signInHttp } from '../setup/session';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	server = await startServer();
	browser = await openBrowser();
	page = browser.page;
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

test('"Sign out everywhere" signs out the other device and this browser', async () => {
	await signIn(page, server);
	const phone = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	await page.goto(`${server.url}/account`);
	// The page asks before it signs out once its script runs: wait for it.
	await page.waitForLoadState('networkidle');
	const sessions = page.getByRole('heading', { name: 'Sign out everywhere' }).locator('..');
	expect(await sessions.getByText('You are signed in on').innerText()).toBe(
		'You are signed in on this browser and 1 other.'
	);
	// It asks first: until confirmed, the other device stays signed in.
	await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
	expect((await phone.get('/')).status).toBe(200);
	await Promise.all([
		page.waitForURL((url) => url.pathname === '/login'),
		page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click()
	]);
	expect(await page.getByRole('status').innerText()).toBe('You are signed out on every browser and device.');
	expect((await phone.get('/')).headers.get('location')).toBe('/login');
	await page.goto(`${server.url}/account`);
	expect(new URL(page.url()).pathname).toBe('/login');
	expect(browser.problems).toEqual([]);
});
