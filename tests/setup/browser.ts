// A real Chromium (Debian's /usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from './server';

export interface Browser {
	context: BrowserContext;
	page: Page;
	/** Script errors, console errors and CSP refusals seen so far. */
	problems: string[];
	close: () => Promise<void>;
}

export async function openBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'keeprate-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		],
		viewport
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`console: ${m.text()}`);
	});
	return {
		context,
		page,
		problems,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/** Sign in through the real form (the server was started with TEST_ADMIN as its owner). */
export async function signIn(page: Page, server: TestServer, who = TEST_ADMIN): Promise<void> {
	// Typing before the page's script has run can be undone by hydration: wait for it.
	await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await Promise.all([
		// The redirect's arrival is enough; a loaded machine may take long over the next page's charts.
		page.waitForURL((url) => !url.pathname.startsWith('/login'), { waitUntil: 'commit', timeout: 60_000 }),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
}

export interface SignedIn {
	server: TestServer;
	browser: Browser;
	page: Page;
}

/**
 * For a test file: a fresh server and a browser signed in as its owner, started before the file's tests
 * and stopped after them. Read the fields inside tests (they are set once beforeAll has run).
 */
export function signedInBrowser(): SignedIn {
	const ready = {} as SignedIn;
	beforeAll(async () => {
		ready.server = await startServer();
		ready.browser = await openBrowser();
		ready.page = ready.browser.page;
		await signIn(ready.page, ready.server);
	});
	afterAll(async () => {
		await ready.browser?.close();
		await ready.server?.stop();
	});
	return ready;
}
