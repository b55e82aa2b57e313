// Settings → Import in a real browser: a file chosen, its columns and first rows shown, a dry run that
// stores nothing, then the import, and the figures on the overview.
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import type { TestServer } from '../setup/server';
import { signedInBrowser } from '../setup/browser';

const ready = signedInBrowser();
let server: TestServer;
let page: Page;
beforeAll(() => ({ server, page } = ready));

const rows = Array.from({ length: 30 }, (_, i) => {
	const verdict = i % 3 === 0 ? 'keep' : 'reject';
	return `imp-${i},history,sora-2,8,1280x720,${verdict},close-up,2026-10-0${1 + (i % 9)}T10:00:00Z`;
});
const file = [
	'id,project,model,durationSeconds,resolution,verdict,tags,createdAt',
	...rows,
	'imp-bad,history,sora-2,-1,1280x720,keep,,2026-10-02T10:00:00Z'
].join('\n');

const attemptsIn = async (project: string) => {
	const response = await server.api(`/api/v1/summary?project=${project}`);
	const { models } = (await response.json()) as { models: { attempts: number }[] };
	return models.reduce((n, m) => n + m.attempts, 0);
};

test('a CSV file is previewed, checked without storing, then imported with each refused line named', async () => {
	await page.goto(`${server.url}/settings/import`, { waitUntil: 'networkidle' });
	await page
		.locator('input[type=file]')
		.setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
	const columns = page.getByRole('list', { name: 'Columns' });
	await columns.waitFor();
	expect(await columns.locator('code').allInnerTexts()).toEqual([
		'id',
		'project',
		'model',
		'durationSeconds',
		'resolution',
		'verdict',
		'tags',
		'createdAt'
	]);
	expect(await columns.getByText('(not a column)').count()).toBe(0);
	expect(await columns.getByText('(stored)').count()).toBe(8);
	expect(await page.locator('.preview tbody tr').count()).toBe(5);

	await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
	await page.getByRole('heading', { name: 'Dry run: nothing was stored' }).waitFor();
	expect(await page.locator('.counts').innerText()).toMatch(/New attempts would be stored\s*30/);
	expect(await attemptsIn('history')).toBe(0);

	await page.getByRole('button', { name: 'Import history.csv' }).click();
	await page.getByRole('heading', { name: 'Imported' }).waitFor();
	const counts = await page.locator('.counts').innerText();
	expect(counts).toMatch(/Lines read\s*31/);
	expect(counts).toMatch(/New attempts were stored\s*30/);
	expect(counts).toMatch(/Lines refused\s*1/);
	const refused = await page.locator('.result table tbody tr').allInnerTexts();
	expect(refused).toHaveLength(1);
	expect(refused[0]).toMatch(/^31\s+durationSeconds\s+/);
	expect(await attemptsIn('history')).toBe(30);
});

test('a file naming a column the export does not have is refused before anything is sent', async () => {
	await page.goto(`${server.url}/settings/import`, { waitUntil: 'networkidle' });
	await page.locator('input[type=file]').setInputFiles({
		name: 'odd.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('id,project,model,durationSeconds,colour\nx,history,sora-2,8,red\n')
	});
	await page.getByRole('alert').filter({ hasText: 'Not columns of attempts.csv: colour.' }).waitFor();
	expect(await page.getByRole('button', { name: /Import odd.csv/ }).count()).toBe(0);
});
