// Import (issue: bring your history): files of attempts through the ingestion path, line by line, on the
// real database. An export imports back exactly: into an empty workspace it gives the same figures to the
// micro-dollar, and into its own workspace it is all duplicates.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { ingest, findAttempt } from '../../src/lib/server/ingest';
import { importAttempts, type ImportReport } from '../../src/lib/server/import';
import { csvLines, ndjsonLines } from '../../src/lib/server/import/parse';
import { attemptsCsv } from '../../src/lib/server/export/attempts-csv';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { summaryByModel } from '../../src/lib/server/queries/summary-by-model';
import { recommendations } from '../../src/lib/server/queries/recommendations';
import { shotGroups } from '../../src/lib/server/queries/shots';
import { shotStatsOfGroups } from '../../src/lib/metrics/shots';
import { weeklyReview } from '../../src/lib/server/queries/weekly-review';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
const now = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database.close();
});

const stream = (text: string, chunk = 7) =>
	new ReadableStream<Uint8Array>({
		start(controller) {
			// Small chunks: lines and quoted cells cut across reads, as a network delivers them.
			const bytes = new TextEncoder().encode(text);
			for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
			controller.close();
		}
	});

const importCsv = (ws: string, text: string, dryRun = false) =>
	importAttempts(database.db, ws, csvLines(stream(text)), { now, dryRun, by: 'key:test' });

async function exportCsv(ws: string): Promise<string> {
	return new Response(await attemptsCsv(database.db, ws, {})).text();
}

/** The export's rows without receivedAt, verdictAt and verdictBy (when this copy arrived, and its verdicts). */
function withoutArrival(text: string): Record<string, string>[] {
	return (parse(text, { columns: true }) as Record<string, string>[]).map(
		({ receivedAt: _r, verdictAt: _v, verdictBy: _b, ...rest }) => rest
	);
}

const HEADER = 'id,project,model,durationSeconds,resolution,costUsd,verdict,rejectReason,tags,createdAt';

describe('a CSV file', () => {
	test('stores every good line and reports each bad one by line, path and reason', async () => {
		const ws = await freshWorkspace(database);
		const file = [
			HEADER,
			'a1,alpha,sora-2,8,1280x720,,keep,,close-up;high-motion,2026-11-02T10:00:00Z',
			'a2,alpha,sora-2,-3,1280x720,,keep,,,2026-11-02T10:00:00Z',
			'a3,alpha,no-such-model,8,1280x720,,keep,,,2026-11-02T10:00:00Z',
			'a4,alpha,sora-2,8,1280x720,2.50,reject,"warped hands, again",,2026-11-02T11:00:00Z',
			'a5,alpha,sora-2,8,1280x720,,keep',
			'"a6",alpha,sora-2,8,1280x720,,pending,,,"2026-11-03T09:00:00Z"'
		].join('\r\n');
		const report = await importCsv(ws, file);
		expect(report).toEqual<ImportReport>({
			lines: 6,
			accepted: 3,
			duplicates: 0,
			updated: 0,
			refused: [
				{ line: 2, path: 'durationSeconds', message: expect.stringMatching(/>0|greater than 0/i) },
				{ line: 3, path: 'costUsd', message: expect.stringContaining('no-such-model') },
				{ line: 5, path: '', message: 'has 7 cells where the header has 10' }
			],
			refusedCount: 3,
			dryRun: false
		});
		const a4 = await findAttempt(database.db, ws, 'a4');
		expect(a4).toMatchObject({
			costMicros: 2_500_000,
			costSource: 'reported',
			rejectReason: 'warped hands, again'
		});
		expect((await findAttempt(database.db, ws, 'a1'))?.tags).toEqual(['close-up', 'high-motion']);
		for (const id of ['a2', 'a3', 'a5']) expect(await findAttempt(database.db, ws, id)).toBeNull();
	});

	test('a dry run stores nothing and reports what the import would do', async () => {
		const ws = await freshWorkspace(database);
		const file = [
			HEADER,
			'd1,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z',
			'd1,alpha,sora-2,8,1280x720,,reject,,,2026-11-02T10:00:00Z',
			'd2,alpha,sora-2,0,1280x720,,keep,,,2026-11-02T10:00:00Z',
			'd3,alpha,sora-2,8,1280x720,,,,,2026-11-02T10:00:00Z'
		].join('\n');
		const dry = await importCsv(ws, file, true);
		expect(await findAttempt(database.db, ws, 'd1')).toBeNull();
		const real = await importCsv(ws, file);
		expect({ ...dry, dryRun: false }).toEqual(real);
		expect(real).toMatchObject({ lines: 4, accepted: 2, updated: 1, refusedCount: 1 });
		expect((await findAttempt(database.db, ws, 'd1'))?.verdict).toBe('reject');
	});

	test('a header that names an unknown column refuses the file and stores nothing', async () => {
		const ws = await freshWorkspace(database);
		const file = 'id,project,model,durationSeconds,colour\nx1,alpha,sora-2,8,red\n';
		await expect(importCsv(ws, file)).rejects.toMatchObject({
			status: 400,
			issues: [{ path: 'header[4]', message: expect.stringContaining('unknown column "colour"') }]
		});
		expect(await findAttempt(database.db, ws, 'x1')).toBeNull();
	});

	test('a conflicting line is refused and the rest of its batch is stored', async () => {
		const ws = await freshWorkspace(database);
		await importCsv(ws, `${HEADER}\nc1,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z\n`);
		const report = await importCsv(
			ws,
			[
				HEADER,
				'c1,alpha,sora-2,9,1280x720,,keep,,,2026-11-02T10:00:00Z',
				'c2,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z'
			].join('\n')
		);
		expect(report).toMatchObject({
			accepted: 1,
			refused: [
				{ line: 1, path: 'id', message: expect.stringContaining('conflicts with the stored attempt "c1"') }
			]
		});
		expect((await findAttempt(database.db, ws, 'c1'))?.durationSeconds).toBe(8);
	});
});

test("a spreadsheet's times without a zone are the workspace's local times", async () => {
	const ws = await freshWorkspace(database);
	const file = `${HEADER}\nz1,alpha,sora-2,8,1280x720,,keep,,,2026-11-02 14:03\nz2,alpha,sora-2,8,1280x720,,keep,,,2026-11-03\n`;
	const report = await importAttempts(database.db, ws, csvLines(stream(file), 'America/Los_Angeles'), {
		now
	});
	expect(report).toMatchObject({ accepted: 2, refusedCount: 0 });
	expect((await findAttempt(database.db, ws, 'z1'))?.createdAt.toISOString()).toBe(
		'2026-11-02T22:03:00.000Z'
	);
	expect((await findAttempt(database.db, ws, 'z2'))?.createdAt.toISOString()).toBe(
		'2026-11-03T08:00:00.000Z'
	);
});

test('a quote left open ends the import at its line; the lines before it are stored', async () => {
	const ws = await freshWorkspace(database);
	const file = [
		HEADER,
		'q1,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z',
		'q"2,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z',
		'"q3,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z',
		'q4,alpha,sora-2,8,1280x720,,keep,,,2026-11-02T10:00:00Z'
	].join('\n');
	const report = await importCsv(ws, file);
	expect(report).toMatchObject({
		lines: 3,
		accepted: 2,
		refused: [{ line: 3, path: '', message: expect.stringContaining('the file was not read past this line') }]
	});
	expect(await findAttempt(database.db, ws, 'q"2')).not.toBeNull();
	expect(await findAttempt(database.db, ws, 'q4')).toBeNull();
});

test('a header that cannot be read as CSV refuses the file (400), not a 500', async () => {
	const ws = await freshWorkspace(database);
	await expect(importCsv(ws, '"id,project\nx,y\n')).rejects.toMatchObject({
		status: 400,
		issues: [{ path: 'header', message: expect.stringContaining('Quote Not Closed') }]
	});
});

test('NDJSON: one attempt per line as the JSON API takes it; bad JSON is refused by line', async () => {
	const ws = await freshWorkspace(database);
	const lines = [
		JSON.stringify({
			id: 'n1',
			project: 'alpha',
			model: 'sora-2',
			durationSeconds: 8,
			resolution: '1280x720',
			createdAt: '2026-11-02T10:00:00Z'
		}),
		'',
		'{"id": "n2", "project": ',
		JSON.stringify({
			id: 'n3',
			project: 'alpha',
			model: 'sora-2',
			durationSeconds: 4,
			resolution: '1280x720',
			tags: [],
			createdAt: '2026-11-02T10:00:00Z'
		})
	].join('\n');
	const report = await importAttempts(database.db, ws, ndjsonLines(stream(lines)), { now });
	expect(report).toMatchObject({
		lines: 3,
		accepted: 2,
		refused: [{ line: 3, path: '', message: expect.stringContaining('is not valid JSON') }]
	});
});

describe('an export imports back exactly', () => {
	let a: string;
	let csv: string;

	beforeAll(async () => {
		a = await freshWorkspace(database);
		await seedDemo(database.db, a, now);
		// What the demo does not send: a reported cost, client tags (one an empty list), no createdAt, a
		// dated model snapshot, a failed take, metadata, text a spreadsheet would run as a formula.
		const sent = await ingest(
			database.db,
			a,
			{
				attempts: [
					{
						id: 'x-reported',
						project: 'edge',
						model: 'sora-2',
						durationSeconds: 8,
						resolution: '1280x720',
						costUsd: 1.234567,
						verdict: 'keep',
						createdAt: '2026-11-10T08:00:00Z'
					},
					{
						id: 'x-empty-tags',
						project: 'edge',
						model: 'sora-2',
						durationSeconds: 4,
						resolution: '1280x720',
						tags: [],
						prompt: 'a close-up of fine fabric texture',
						verdict: 'reject',
						rejectReason: '=HYPERLINK("x")',
						createdAt: '2026-11-10T09:00:00Z'
					},
					{
						id: 'x-no-time',
						project: 'edge',
						model: 'sora-2',
						durationSeconds: 4,
						resolution: '1280x720',
						prompt: 'slow pan over hands',
						verdict: 'keep'
					},
					{
						id: '@x-formula-id',
						project: 'edge',
						model: 'sora-2',
						durationSeconds: 4,
						resolution: '1280x720',
						creator: '+bo',
						metadata: { take: 3, note: 'a "quoted", comma' },
						createdAt: '2026-11-11T09:00:00Z'
					},
					{
						id: 'x-failed',
						project: 'edge',
						model: 'sora-2-pro-2025-10-06',
						durationSeconds: 8,
						resolution: '1280x720',
						status: 'failed',
						verdict: 'reject',
						shotId: 's-edge',
						createdAt: '2026-11-11T10:00:00Z'
					}
				]
			},
			new Date(now.getTime() - 3600_000)
		);
		expect(sent.accepted).toBe(5);
		csv = await exportCsv(a);
	});

	test('into an empty workspace: the same summary, recommendations, shots and weekly figures', async () => {
		const b = await freshWorkspace(database);
		const report = await importCsv(b, csv);
		const lines = csv.trim().split('\r\n').length - 1;
		expect(report).toMatchObject({ lines, accepted: lines, duplicates: 0, updated: 0, refusedCount: 0 });

		const figures = async (ws: string) => ({
			summary: await summaryByModel(database.db, ws, {}),
			recommendations: await recommendations(database.db, ws, {}, { whatIf: 'project', segmentsBy: 'tag' }),
			shots: shotStatsOfGroups(await shotGroups(database.db, ws, {})),
			weekly: await weeklyReview(database.db, ws, '2026-W46', undefined, now)
		});
		expect(await figures(b)).toEqual(await figures(a));
		// Row for row the same attempts; only when keeprate received them, and when and by whom the verdicts were given, differ.
		expect(withoutArrival(await exportCsv(b))).toEqual(withoutArrival(csv));
	});

	test('into its own workspace: all duplicates, nothing accepted, updated or refused', async () => {
		const report = await importCsv(a, csv);
		const lines = csv.trim().split('\r\n').length - 1;
		expect(report).toEqual({
			lines,
			accepted: 0,
			duplicates: lines,
			updated: 0,
			refused: [],
			refusedCount: 0,
			dryRun: false
		});
		expect(await exportCsv(a)).toBe(csv);
	});
});
