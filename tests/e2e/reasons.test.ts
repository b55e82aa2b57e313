// Why clips fail, end to end: the reject-reasons API against the summary and an independent count of
// what was sent, its refusals, the page (Pareto, per model and tag, what the premium tier fixes) at a
// desktop and a phone width, and an admin changing the rules in Settings.
import { mkdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { signedInBrowser } from '../setup/browser';
import { formatSeconds, formatUsd } from '../../src/lib/format';

const session = signedInBrowser();
const shots = process.env.KEEPRATE_SCREENSHOTS ?? '/tmp/keeprate-reasons-screens';

// sora-2 loses half its takes to hands; sora-2-pro almost none. Failed takes carry their reported cost.
const REASONS = ['extra fingers', 'melted face', 'flicker on the wall', 'not the vibe', ''];
interface Sent {
	id: string;
	model: string;
	costUsd: number;
	status?: string;
	verdict?: string;
	rejectReason?: string;
}

const sent: Sent[] = Array.from({ length: 160 }, (_, i) => {
	const pro = i % 2 === 1;
	const failed = i % 13 === 0;
	const reject = !failed && (pro ? i % 7 === 1 : i % 4 !== 0);
	const reason = pro
		? REASONS[(i >> 1) % 4 === 0 ? 1 : 2]
		: REASONS[(i >> 1) % 5 === 4 ? 4 : (i >> 1) % 4 === 3 ? 3 : 0];
	return {
		id: `why-${i}`,
		project: i % 3 ? 'launch' : 'teaser',
		model: pro ? 'sora-2-pro' : 'sora-2',
		durationSeconds: 8,
		resolution: '1280x720',
		costUsd: pro ? 2.4 : 0.8,
		tags: i % 4 < 2 ? ['close-up'] : ['landscape'],
		createdAt: new Date(Date.now() - 86_400_000 * 3 - i * 60_000).toISOString(),
		...(failed
			? { status: 'failed' }
			: { verdict: reject ? 'reject' : 'keep', reviewSeconds: 12 + (i % 5) * 3.5 }),
		...(reject && reason ? { rejectReason: reason } : {})
	};
});

/** What the API must answer, counted from what was sent: category by the default rules' reading. */
const CATEGORY: Record<string, string> = {
	'extra fingers': 'hands-anatomy',
	'melted face': 'faces',
	'flicker on the wall': 'flicker-temporal',
	'not the vibe': 'other',
	'': 'unspecified'
};
function expected(model?: string) {
	const out = new Map<string, { attempts: number; micros: number }>();
	for (const a of sent) {
		if (model && a.model !== model) continue;
		const category =
			a.status === 'failed' ? 'failed' : a.verdict === 'reject' ? CATEGORY[a.rejectReason ?? ''] : null;
		if (!category) continue;
		const sum = out.get(category) ?? { attempts: 0, micros: 0 };
		sum.attempts += 1;
		sum.micros += Math.round(a.costUsd * 1e6);
		out.set(category, sum);
	}
	return Object.fromEntries(out);
}

interface Reason {
	category: string;
	label: string;
	attempts: number;
	share: number | null;
	wastedSpendUsd: number;
}
const byCategory = (reasons: Reason[]) =>
	Object.fromEntries(
		reasons.map((r) => [r.category, { attempts: r.attempts, micros: Math.round(r.wastedSpendUsd * 1e6) }])
	);

describe('GET /api/v1/reject-reasons', () => {
	test('adds up to the summary and to what was sent, per model and in total', async () => {
		const { server } = session;
		const stored = await server.api('/api/v1/attempts', {
			method: 'POST',
			body: JSON.stringify({ attempts: sent })
		});
		expect(stored.status).toBe(200);
		const response = await server.api('/api/v1/reject-reasons');
		expect(response.status).toBe(200);
		const answer = (await response.json()) as {
			reasons: Reason[];
			models: { model: string; reasons: Reason[] }[];
			recategorising: boolean;
		};
		expect(answer.recategorising).toBe(false);
		expect(byCategory(answer.reasons)).toEqual(expected());
		const summary = (await (await server.api('/api/v1/summary')).json()) as {
			models: { model: string; rejected: number; failed: number; wastedSpendUsd: number }[];
		};
		for (const m of summary.models) {
			const mine = answer.models.find((a) => a.model === m.model)!.reasons;
			expect(byCategory(mine)).toEqual(expected(m.model));
			expect(mine.reduce((n, r) => n + r.attempts, 0)).toBe(m.rejected + m.failed);
			expect(mine.reduce((n, r) => n + Math.round(r.wastedSpendUsd * 1e6), 0)).toBe(
				Math.round(m.wastedSpendUsd * 1e6)
			);
		}
		const total = answer.reasons.reduce((n, r) => n + r.attempts, 0);
		for (const r of answer.reasons) expect(r.share).toBe(r.attempts / total);
		expect(answer.reasons.find((r) => r.category === 'hands-anatomy')?.label).toBe('Hands and anatomy');
		const spend = answer.reasons.map((r) => r.wastedSpendUsd);
		expect(spend).toEqual([...spend].sort((a, b) => b - a));
	});

	test.each([
		['from=yesterday', 'from'],
		['to=2026-13-01', 'to'],
		['colour=red', '']
	])('?%s is refused with a 400 that says where', async (query, path) => {
		const response = await session.server.api(`/api/v1/reject-reasons?${query}`);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: string; issues: { path: string; message: string }[] };
		expect(body.error).toBe('invalid query parameters');
		expect(body.issues.length).toBeGreaterThan(0);
		if (path) expect(body.issues.map((i) => i.path)).toContain(path);
	});

	test('needs an API key', async () => {
		const response = await fetch(`${session.server.url}/api/v1/reject-reasons`);
		expect(response.status).toBe(401);
	});
});

describe('the Why clips fail page', () => {
	test('shows the Pareto, what the premium tier fixes, per model and per tag; fits a phone', async () => {
		const { page, server } = session;
		mkdirSync(shots, { recursive: true });
		await page.setViewportSize({ width: 1400, height: 900 });
		await page.goto(`${server.url}/reasons`, { waitUntil: 'networkidle' });
		const nav = page.getByRole('link', { name: 'Failures' });
		expect(await nav.getAttribute('aria-current')).toBe('page');
		await page.locator('[data-chart="reasons-pareto"] canvas').waitFor();
		// Sora 2 Pro keeps hands right where Sora 2 fails half its takes on them.
		const hands = page.locator('[data-pair="sora-2:sora-2-pro"] [data-category="hands-anatomy"]');
		expect(await hands.getAttribute('data-effect')).toBe('fixes');
		expect(await page.locator('caption', { hasText: 'close-up' }).count()).toBe(1);
		await page.screenshot({ path: `${shots}/reasons-1400.png`, fullPage: true });
		// Keyboard: the filters and the chart's tables are reachable without a mouse.
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content');
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${server.url}/reasons`, { waitUntil: 'networkidle' });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: `${shots}/reasons-390.png`, fullPage: true });
		expect(session.browser.problems).toEqual([]);
	});

	test('gives the review time each reason wasted and, with the workspace’s rate, what it cost', async () => {
		const { page, server } = session;
		await page.setViewportSize({ width: 1400, height: 900 });
		// No rate yet: the time alone.
		await page.goto(`${server.url}/reasons`, { waitUntil: 'networkidle' });
		// Sora 2's card lists hands first.
		const card = page.locator('table', { has: page.locator('caption', { hasText: /^Sora 2$/ }) });
		const cell = card.locator('[data-category="hands-anatomy"] [data-review]');
		const bare = (await (await server.api('/api/v1/reject-reasons?model=sora-2')).json()) as {
			reasons: (Reason & { reviewSeconds: number })[];
		};
		const seconds = bare.reasons.find((r) => r.category === 'hands-anatomy')!.reviewSeconds;
		expect(seconds).toBeGreaterThan(0);
		expect(await cell.innerText()).toBe(formatSeconds(seconds));
		expect(await page.locator('[data-labour]').count()).toBe(0);

		await page.goto(`${server.url}/settings`, { waitUntil: 'networkidle' });
		await page.getByLabel('Review labour rate (USD per hour)').fill('45');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('Settings saved.').waitFor();

		await page.goto(`${server.url}/reasons`, { waitUntil: 'networkidle' });
		const priced = (await (await server.api('/api/v1/reject-reasons')).json()) as {
			laborUsdPerHour: number;
			models: { model: string; reasons: (Reason & { wastedLaborUsd: number })[] }[];
		};
		expect(priced.laborUsdPerHour).toBe(45);
		const labour = priced.models
			.find((m) => m.model === 'sora-2')!
			.reasons.find((r) => r.category === 'hands-anatomy')!.wastedLaborUsd;
		expect(labour).toBe(Math.round((seconds * 45e6) / 3600) / 1e6);
		// Its labour beside the wasted spend, the time beneath.
		expect(await cell.locator('[data-labour]').innerText()).toBe(formatUsd(labour));
		expect(await cell.locator('.time').innerText()).toBe(formatSeconds(seconds));
		expect(await page.locator('[data-wasted-review]').innerText()).toContain('at $45.00 an hour');
		await page.screenshot({ path: `${shots}/reasons-labour-1400.png`, fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${server.url}/reasons`, { waitUntil: 'networkidle' });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: `${shots}/reasons-labour-390.png`, fullPage: true });
		expect(session.browser.problems).toEqual([]);
	});

	test('an empty range says so, with a way to a wider one', async () => {
		const { page, server } = session;
		await page.setViewportSize({ width: 1400, height: 900 });
		await page.goto(`${server.url}/reasons?from=2020-01-01&to=2020-01-08`, { waitUntil: 'networkidle' });
		await page.getByRole('heading', { name: 'No rejected or failed attempts in this range' }).waitFor();
		expect(await page.getByRole('link', { name: 'Show the last 90 days' }).count()).toBe(1);
	});
});

describe('Settings, Reject reasons', () => {
	test('an admin changes the rules: a bad line is refused by number, a good set places attempts again', async () => {
		const { page, server } = session;
		await page.goto(`${server.url}/settings/reject-reasons`, { waitUntil: 'networkidle' });
		const rules = page.getByLabel('One rule a line');
		expect(await rules.inputValue()).toContain('hands-anatomy: finger');
		await page.screenshot({ path: `${shots}/reject-rules-1400.png`, fullPage: true });
		await rules.fill('physics: extra fingers\nvibes: not the vibe');
		await page.getByRole('button', { name: 'Save rules' }).click();
		await page.getByText('Line 2: category must be one of').waitFor();
		// Nothing changed.
		let answer = (await (await server.api('/api/v1/reject-reasons')).json()) as { reasons: Reason[] };
		expect(answer.reasons.map((r) => r.category)).toContain('hands-anatomy');
		await rules.fill('physics: extra fingers\nstyle: vibe');
		await page.getByRole('button', { name: 'Save rules' }).click();
		await page.getByText('Rules saved; every rejected attempt follows them.').waitFor();
		answer = (await (await server.api('/api/v1/reject-reasons')).json()) as { reasons: Reason[] };
		const counted = byCategory(answer.reasons);
		const before = expected();
		expect(counted.physics).toEqual(before['hands-anatomy']);
		expect(counted.style).toEqual(before.other);
		// Reasons no new rule places are Other now.
		expect(counted.other.attempts).toBe(before.faces.attempts + before['flicker-temporal'].attempts);
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${server.url}/settings/reject-reasons`, { waitUntil: 'networkidle' });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.screenshot({ path: `${shots}/reject-rules-390.png`, fullPage: true });
	});
});
