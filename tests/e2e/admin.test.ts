// Signing in, an API key from creation to revocation, and the reviewers' queue driven by the keyboard, in a
// real browser against the built app on its own empty database.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { openBrowser, signIn, type Browser } from '../setup/browser';
import { formatUsd } from '../../src/lib/format';

let server: TestServer;
let browser: Browser;
let page: Page;
let clips: Server;
let clipUrl: string;

/** Half a second of colour, recorded by the browser itself: a real clip for the queue to play. */
async function recordClip(): Promise<Buffer> {
	const base64 = await page.evaluate(async () => {
		const canvas = document.createElement('canvas');
		canvas.width = 64;
		canvas.height = 36;
		const context = canvas.getContext('2d')!;
		const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm' });
		const chunks: Blob[] = [];
		recorder.ondataavailable = (e) => chunks.push(e.data);
		recorder.start();
		for (let frame = 0; frame < 5; frame++) {
			context.fillStyle = `hsl(${frame * 60} 70% 50%)`;
			context.fillRect(0, 0, 64, 36);
			await new Promise((r) => setTimeout(r, 100));
		}
		const stopped = new Promise((r) => (recorder.onstop = r));
		recorder.stop();
		await stopped;
		const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
		return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
	});
	return Buffer.from(base64, 'base64');
}

beforeAll(async () => {
	server = await startServer();
	browser = await openBrowser();
	page = browser.page;
	const clip = await recordClip();
	clips = createServer((_, response) => {
		response.writeHead(200, { 'content-type': 'video/webm', 'content-length': clip.length });
		response.end(clip);
	});
	await new Promise<void>((resolve) => clips.listen(0, '127.0.0.1', resolve));
	clipUrl = `http://127.0.0.1:${(clips.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	clips?.close();
});

describe('signing in', () => {
	test('a wrong password shows the error and stays on the sign-in page', async () => {
		await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email').fill(TEST_ADMIN.email);
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').innerText()).toBe('Wrong email or password.');
		expect(new URL(page.url()).pathname).toBe('/login');
		// The refused sign-in is answered with a 400, which Chromium logs as a failed load: expected here only.
		const unexpected = browser.problems.splice(0).filter((p) => !p.includes('status of 400'));
		expect(unexpected).toEqual([]);
	});

	test('the right password lands on the overview', async () => {
		await signIn(page, server);
		expect(new URL(page.url()).pathname).toBe('/');
		const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
		expect(await current.innerText()).toBe('Overview');
	});
});

describe('API keys', () => {
	let key = '';
	const row = () => page.locator('[data-key-row="e2e reader"]');
	const summary = () =>
		fetch(`${server.url}/api/v1/summary`, { headers: { authorization: `Bearer ${key}` } });

	test('a new key is shown once, and it reads the summary', async () => {
		await page.goto(`${server.url}/settings/keys`);
		// Typing before the page's script has run can be undone by hydration: wait for it.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Name', { exact: true }).fill('e2e reader');
		await page.getByLabel('Only read figures (read)').check();
		await page.getByRole('button', { name: 'Create key' }).click();
		await page.locator('[data-new-key]').waitFor();
		expect(await page.locator('[data-new-key]').innerText()).toContain(
			'This is the only time the key is shown.'
		);
		key = await page.locator('[data-new-key] [data-key]').innerText();
		expect(key).toMatch(/^kr_[\w-]{32}$/);

		const response = await summary();
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ laborUsdPerHour: null, models: [], comparisons: [] });

		await page.reload();
		await row().waitFor();
		expect(await page.locator('[data-new-key]').count()).toBe(0);
		expect(await page.content()).not.toContain(key);
		expect(await row().innerText()).toContain(`${key.slice(0, 10)}…`);
	});

	test('revoking asks first, then the key gets 401', async () => {
		await row().getByRole('button', { name: 'Revoke…' }).click();
		await page.getByRole('button', { name: 'Revoke key' }).click();
		await row().locator('.chip.bad').waitFor();
		expect(await row().locator('.chip.bad').innerText()).toMatch(/^Revoked /);
		expect((await summary()).status).toBe(401);
	});
});

describe('settings forms', () => {
	const amount = () => page.getByLabel('Amount (USD)');

	test('a refused budget says why next to the amount, keeps what was typed, and focuses it', async () => {
		await page.goto(`${server.url}/settings`);
		await page.waitForLoadState('networkidle');
		await amount().fill('lots');
		await page.getByRole('button', { name: 'Add budget' }).click();
		const error = page.locator('#budget-amountUsd-error');
		await error.waitFor();
		expect(await error.innerText()).toBe('Enter an amount in USD above 0, e.g. 500');
		expect(await amount().getAttribute('aria-invalid')).toBe('true');
		expect(await amount().getAttribute('aria-describedby')).toBe('budget-amountUsd-error');
		expect(await amount().inputValue()).toBe('lots');
		expect(await amount().evaluate((el) => el === document.activeElement)).toBe(true);
		// The other fields are not in error.
		expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
	});

	test('a budget is added, and deleting it asks first', async () => {
		await amount().fill('$1,500');
		await page.getByRole('button', { name: 'Add budget' }).click();
		await page.getByText('Budget added: weekly $1,500.00 for the whole workspace').waitFor();
		expect(await page.locator('#budget-amountUsd-error').count()).toBe(0);
		const rows = page.locator('[data-budget-id]');
		expect(await rows.count()).toBe(1);

		await page
			.getByRole('button', { name: /^Delete the weekly \$1,500\.00 for the whole workspace/ })
			.click();
		expect(await rows.count()).toBe(1);
		await page.getByRole('button', { name: 'Delete budget' }).click();
		await page.getByText('Budget deleted.').waitFor();
		expect(await rows.count()).toBe(0);
	});
});

describe('review queue', () => {
	const ids = ['e2e-take-1', 'e2e-take-2', 'e2e-take-3'];
	const take = (id: string) => page.locator(`[data-take="${id}"]`);
	const stored = async (id: string) => {
		const response = await server.api(`/api/v1/attempts/${id}`);
		expect(response.status).toBe(200);
		return (await response.json()) as {
			verdict: string;
			rejectReason: string | null;
			verdictBy: string | null;
			reviewSeconds: number | null;
		};
	};
	/** When the take on screen was first seen by the test: the page's clock started no later. */
	let shownAt = 0;

	beforeAll(async () => {
		const hour = 3_600_000;
		const attempts = ids.map((id, i) => ({
			id,
			project: 'e2e-review',
			model: 'sora-2',
			durationSeconds: 4,
			resolution: '1280x720',
			createdAt: new Date(Date.now() - (3 - i) * hour).toISOString(),
			prompt: `a lighthouse at dusk, take ${i + 1}`,
			videoUrl: `${clipUrl}/${id}.webm`
		}));
		const response = await server.api('/api/v1/attempts', {
			method: 'POST',
			body: JSON.stringify({ attempts })
		});
		expect(response.status).toBe(200);
	});

	test('the oldest pending take plays, with its prompt and model', async () => {
		await page.goto(`${server.url}/review`);
		await take(ids[0]).waitFor();
		shownAt = Date.now();
		// The model shows once the page knows blind review is off: the page is live, keys work.
		await page.locator('[data-model]').waitFor();
		expect(await page.locator('[data-model]').innerText()).toBe('Sora 2');
		expect(await page.locator('[data-remaining]').getAttribute('data-remaining')).toBe('3');
		expect(await take(ids[0]).innerText()).toContain('a lighthouse at dusk, take 1');
		const video = page.locator('video');
		expect(await video.getAttribute('src')).toBe(`${clipUrl}/${ids[0]}.webm`);
		await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
	});

	test('K keeps the take, and the next one appears; the time spent on it is stored', async () => {
		await page.waitForTimeout(1500);
		const upperBound = (Date.now() - shownAt) / 1000 + 2;
		await page.keyboard.press('k');
		await take(ids[1]).waitFor();
		shownAt = Date.now();
		const kept = await stored(ids[0]);
		expect(kept.verdict).toBe('keep');
		// The clip played the whole time: every second from the take shown to the verdict counts.
		expect(kept.reviewSeconds).toBeGreaterThanOrEqual(1.4);
		expect(kept.reviewSeconds).toBeLessThanOrEqual(upperBound);
		expect(kept.verdictBy).toMatch(/^user:/);
		expect(await page.locator('[data-remaining]').getAttribute('data-remaining')).toBe('2');
	});

	test('R then 2 rejects with the second reason', async () => {
		await page.keyboard.press('r');
		await page.getByText('Why? Press 1–5').waitFor();
		await page.keyboard.press('2');
		await take(ids[2]).waitFor();
		expect(await stored(ids[1])).toMatchObject({ verdict: 'reject', rejectReason: 'Motion artefacts' });
		const history = page.locator('[data-history]');
		expect(await history.allInnerTexts()).toEqual([
			expect.stringContaining('rejected: Motion artefacts'),
			expect.stringContaining('kept')
		]);
	});

	test('U undoes the last verdict: the take is pending again, and back in front', async () => {
		await page.keyboard.press('u');
		await take(ids[1]).waitFor();
		expect(await stored(ids[1])).toMatchObject({ verdict: 'pending', rejectReason: null, verdictBy: null });
		expect((await stored(ids[0])).verdict).toBe('keep');
		expect(await page.locator('[data-history]').count()).toBe(1);
		// The undone take keeps the time already spent on it, and says so.
		expect(await page.locator('[data-stored-review]').innerText()).toMatch(/^\d+ s$/);
	});

	test('a take reviewed again adds the second review to its time', async () => {
		const first = (await stored(ids[1])).reviewSeconds!;
		expect(first).toBeGreaterThan(0);
		await take(ids[1]).waitFor();
		await page.waitForTimeout(1200);
		await page.keyboard.press('k');
		await take(ids[2]).waitFor();
		const again = await stored(ids[1]);
		expect(again.verdict).toBe('keep');
		expect(again.reviewSeconds).toBeGreaterThanOrEqual(first + 1.1);
	});

	test('blind review hides the model and anything naming it, and stays on after a reload', async () => {
		await page.getByLabel('Blind review').check();
		expect(await page.locator('[data-model]').count()).toBe(0);
		expect(await page.locator('[data-model-field]').innerText()).toBe('hidden: blind review');
		expect((await page.locator('main').innerText()).toLowerCase()).not.toContain('sora');

		await page.reload();
		await page.getByText('hidden: blind review').waitFor();
		expect(await page.getByLabel('Blind review').isChecked()).toBe(true);
		expect(await page.locator('[data-model]').count()).toBe(0);
	});

	test('the take on screen shows its review time counting, paused while the page is hidden', async () => {
		const time = page.locator('[data-review-time]');
		await page.locator('[data-review-clock="counting"]').waitFor();
		expect(await time.getAttribute('role')).toBe('timer');
		await expect.poll(() => time.innerText(), { timeout: 5000 }).not.toBe('0:00');
		// The page hidden (another tab in front): the clock pauses, says so, and stops counting.
		const setVisibility = (state: 'hidden' | 'visible') =>
			page.evaluate((v) => {
				if (v === 'hidden')
					Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
				else delete (document as { visibilityState?: string }).visibilityState;
				document.dispatchEvent(new Event('visibilitychange'));
			}, state);
		await setVisibility('hidden');
		await page.locator('[data-review-clock="paused"]').waitFor();
		expect(await page.locator('[data-review-clock] [aria-live]').innerText()).toBe('paused');
		const paused = await time.innerText();
		await page.waitForTimeout(2200);
		expect(await time.innerText()).toBe(paused);
		await setVisibility('visible');
		await page.locator('[data-review-clock="counting"]').waitFor();
		expect(await page.locator('[data-review-clock] [aria-live]').innerText()).toBe('');
	});
});

describe('review labour rate', () => {
	test('a rate that is not one is refused by name; a rate set shows the all-in cost per usable clip', async () => {
		await page.goto(`${server.url}/settings`, { waitUntil: 'networkidle' });
		const rate = page.getByLabel('Review labour rate (USD per hour)');
		await rate.fill('lots');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText(/Review labour rate must be a number of USD per hour/).waitFor();

		await rate.fill('45');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('Settings saved.').waitFor();

		await page.goto(`${server.url}/?from=2020-01-01`);
		const card = page.locator('section.all-in');
		await card.waitFor();
		expect(await card.innerText()).toContain('at $45.00 an hour');
		// The queue's takes above: the all-in figure is the bill plus their review time at $45 an hour.
		const response = await server.api('/api/v1/summary?from=2020-01-01&laborUsdPerHour=45');
		const [sora] = (await response.json()).models as { allInCostPerKeptClipUsd: number }[];
		const row = page.locator('[data-all-in="sora-2"] td').last();
		expect(await row.innerText()).toBe(formatUsd(sora.allInCostPerKeptClipUsd));

		// The weekly review of those takes' week heads with the same whole cost.
		const csv = await (await server.api('/api/v1/weekly.csv?from=2020-01-01')).text();
		const week = csv.split('\r\n')[1].split(',')[0];
		const weekly = await (await server.api(`/api/v1/weekly?week=${week}&laborUsdPerHour=45`)).json();
		await page.goto(`${server.url}/weekly?week=${week}`, { waitUntil: 'networkidle' });
		const allIn = page.locator('[data-figure="all-in-per-kept-clip"] .figure-value');
		expect(await allIn.innerText()).toBe(formatUsd(weekly.allInCostPerKeptClipUsd));
	});
});

describe('what if review cost this much? (laborUsdPerHour= on the pages)', () => {
	test('the overview prices review at the URL’s rate and its control says so', async () => {
		await page.goto(`${server.url}/?from=2020-01-01&laborUsdPerHour=90`, { waitUntil: 'networkidle' });
		const card = page.locator('section.all-in');
		expect(await card.innerText()).toContain('at $90.00 an hour (what-if)');
		const status = page.locator('[data-rate-status]');
		expect(await status.innerText()).toContain("review priced at $90.00 an hour, not the workspace's $45.00");
		const response = await server.api('/api/v1/summary?from=2020-01-01&laborUsdPerHour=90');
		const [sora] = (await response.json()).models as { allInCostPerKeptClipUsd: number }[];
		expect(await page.locator('[data-all-in="sora-2"] td').last().innerText()).toBe(
			formatUsd(sora.allInCostPerKeptClipUsd)
		);
	});

	test('a rate typed in the control and sent with Enter keeps the range; the reset goes back to the workspace’s', async () => {
		const input = page.getByLabel('Review cost in USD per hour');
		await input.fill('60');
		await input.press('Enter');
		await page.waitForURL(/laborUsdPerHour=60/);
		expect(new URL(page.url()).searchParams.get('from')).toBe('2020-01-01');
		expect(await page.locator('section.all-in').innerText()).toContain('at $60.00 an hour (what-if)');

		await page.getByRole('link', { name: "Back to the workspace's rate" }).click();
		await page.waitForURL((url) => !url.searchParams.has('laborUsdPerHour'));
		expect(new URL(page.url()).searchParams.get('from')).toBe('2020-01-01');
		expect(await page.locator('[data-rate-status]').innerText()).toContain("The workspace's rate (Settings)");
		expect(await page.locator('section.all-in').innerText()).toContain('at $45.00 an hour (Settings)');
	});

	test('a rate that is not one shows the filter error, and the workspace’s figures', async () => {
		await page.goto(`${server.url}/?from=2020-01-01&laborUsdPerHour=lots`, { waitUntil: 'networkidle' });
		const alert = page.getByRole('alert');
		expect(await alert.innerText()).toContain('laborUsdPerHour: "lots" must be a number of USD per hour');
		expect(await alert.innerText()).toContain("showing the workspace's review cost instead");
		expect(await page.locator('section.all-in').innerText()).toContain('at $45.00 an hour (Settings)');
	});
});

describe('price book', () => {
	test('a three-tier family names its tiers base, middle and top, and the family by its display name', async () => {
		await page.goto(`${server.url}/settings/prices`);
		const veo = page.locator('section.family', { has: page.locator('h2#family-veo-3\\.1') });
		expect(await veo.locator('h2').innerText()).toMatch(/^Veo 3\.1 family · veo-3\.1 · 3 models/);
		expect(await veo.locator('.chip.tier').allInnerTexts()).toEqual(['base', 'middle', 'top']);
		expect((await page.locator('main').innerText()).toLowerCase()).not.toContain('premium');
	});
});

test('no script error or refused resource on the way', () => {
	expect(browser.problems).toEqual([]);
});
