// The weekly review, budgets, CSV exports and the weekly digest on seeded data, asserted exactly.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../src/lib/server/db/connection';
import { ingest } from '../../src/lib/server/ingest';
import { addBudget } from '../../src/lib/server/budgets';
import { weeklyReview } from '../../src/lib/server/queries/weekly-review';
import { attemptsCsv } from '../../src/lib/server/export/attempts-csv';
import { weeklyCsv } from '../../src/lib/server/export/weekly-csv';
import { lastClosedWeek, sendDigest, sendDueDigests } from '../../src/lib/server/digest';
import { updateWorkspaceSettings } from '../../src/lib/server/workspaces';
import { filtersSchema } from '../../src/lib/schemas/filters';
import { formatUsd } from '../../src/lib/format';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
let ws: string;
const zone = 'America/New_York';
// Thursday 26 November 2026, 00:00 in New York: three days of week 48 have passed.
const now = new Date('2026-11-26T05:00:00Z');

const take = (id: string, model: string, createdAt: string, extra: Record<string, unknown> = {}) => ({
	id,
	model,
	createdAt,
	project: 'a',
	durationSeconds: 10,
	resolution: '1280x720',
	...extra
});

beforeAll(async () => {
	database = await testDatabase();
	ws = await freshWorkspace(database);
	await updateWorkspaceSettings(database.db, ws, { timeZone: zone });
	await ingest(
		database.db,
		ws,
		{
			attempts: [
				// Sunday 23:59 in New York: week 47 there, though already Monday in UTC.
				take('w47-1', 'sora-2', '2026-11-23T04:59:00Z', { verdict: 'keep' }),
				take('w47-2', 'sora-2', '2026-11-17T12:00:00Z', { verdict: 'reject', project: 'b' }),
				take('w47-3', 'sora-2-pro', '2026-11-18T12:00:00Z', { verdict: 'keep' }),
				take('w48-1', 'sora-2', '2026-11-23T05:00:00Z', { verdict: 'reject', tags: ['close-up'] }),
				take('w48-2', 'sora-2-pro', '2026-11-24T10:00:00Z', { verdict: 'keep', project: 'b' }),
				take('w48-3', 'sora-2-pro', '2026-11-24T11:00:00Z', { verdict: 'reject', tags: ['close-up'] }),
				take('w48-4', 'sora-2', '2026-11-25T10:00:00Z', { project: 'b' }),
				take('w48-5', 'sora-2', '2026-11-25T11:00:00Z', { status: 'failed' })
			]
		},
		now
	);
	await addBudget(database.db, ws, { project: '', period: 'week', amountUsd: 10, startsOn: '2026-11-01' });
	await addBudget(database.db, ws, { project: 'a', period: 'month', amountUsd: 6, startsOn: '2026-10-01' });
});
afterAll(async () => {
	await database.close();
});

describe('weekly review', () => {
	test('a week in the workspace time zone, against the week before, with its budget', async () => {
		const r = await weeklyReview(database.db, ws, '2026-W48', undefined, now);
		expect(r).toMatchObject({
			week: '2026-W48',
			previous: '2026-W47',
			next: '2026-W49',
			from: '2026-11-23T05:00:00.000Z',
			to: '2026-11-30T05:00:00.000Z',
			spendUsd: 8,
			wastedSpendUsd: 4,
			keptClips: 1,
			costPerKeptClipUsd: 7,
			previousWeek: { spendUsd: 5, wastedSpendUsd: 1, costPerKeptClipUsd: 2.5 },
			budget: { period: 'week', amountUsd: 10, spendUsd: 8, forecastUsd: 18.666667, status: 'at risk' },
			previousCostPerKeptClipUsd: { 'sora-2': 2, 'sora-2-pro': 3 },
			sinks: {
				projects: [{ name: 'a', wastedSpendUsd: 4, decided: 3, kept: 0 }],
				tags: [{ name: 'close-up', wastedSpendUsd: 4, decided: 2, kept: 0 }]
			},
			backlog: { pending: 1, pendingSpendUsd: 1, oldestPendingAt: '2026-11-25T10:00:00.000Z' }
		});
		expect(r.models.map((m) => [m.model, m.attempts, m.spendUsd, m.costPerKeptClipUsd])).toEqual([
			['sora-2', 3, 2, null],
			['sora-2-pro', 2, 6, 6]
		]);
		expect(r.comparisons).toHaveLength(1);
	});

	test('filtered by project, with the project’s monthly budget', async () => {
		const r = await weeklyReview(database.db, ws, '2026-W48', 'a', now);
		expect(r).toMatchObject({
			spendUsd: 4,
			wastedSpendUsd: 4,
			keptClips: 0,
			costPerKeptClipUsd: null,
			previousWeek: { spendUsd: 4, wastedSpendUsd: 0 },
			budget: {
				period: 'month',
				project: 'a',
				amountUsd: 6,
				periodFrom: '2026-11-01',
				spendUsd: 8,
				status: 'over'
			},
			backlog: { pending: 0 }
		});
	});

	test('a week that does not exist is refused', async () => {
		await expect(weeklyReview(database.db, ws, '2027-W53', undefined, now)).rejects.toMatchObject({
			status: 400
		});
	});
});

describe('CSV exports', () => {
	async function text(stream: Promise<ReadableStream<Uint8Array>>): Promise<string> {
		return new Response(await stream).text();
	}

	test('one record per attempt, exact totals, multi-line prompts intact, formulas neutralised', async () => {
		const other = await freshWorkspace(database);
		const prompts = [
			'a, b and "c"',
			'line one\nline two\r\nline three',
			'=HYPERLINK("http://x")',
			'+1',
			'-2',
			'@SUM(A1)',
			'plain'
		];
		// More than one page of the keyset stream.
		const items = Array.from({ length: 2100 }, (_, i) =>
			take(
				`c${String(i).padStart(4, '0')}`,
				'sora-2',
				new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
				{
					prompt: prompts[i % prompts.length],
					costUsd: 0.000001 * (i + 1),
					metadata: { n: i }
				}
			)
		);
		await ingest(database.db, other, { attempts: items.slice(0, 1000) }, now);
		await ingest(database.db, other, { attempts: items.slice(1000, 2000) }, now);
		await ingest(database.db, other, { attempts: items.slice(2000) }, now);
		const csv = await text(attemptsCsv(database.db, other, filtersSchema.parse({})));
		const records: Record<string, string>[] = parse(csv, { columns: true });
		expect(records).toHaveLength(2100);
		expect(new Set(records.map((r) => r.id)).size).toBe(2100);
		const totalMicros = records.reduce((sum, r) => sum + Math.round(Number(r.costUsd) * 1e6), 0);
		expect(totalMicros).toBe((2100 * 2101) / 2);
		expect(records[1].prompt).toBe('line one\nline two\r\nline three');
		expect(records[0].prompt).toBe('a, b and "c"');
		expect(records.slice(2, 6).map((r) => r.prompt)).toEqual([
			'\'=HYPERLINK("http://x")',
			"'+1",
			"'-2",
			"'@SUM(A1)"
		]);
		expect(Object.keys(records[0])).toEqual(
			expect.arrayContaining([
				'id',
				'project',
				'model',
				'createdAt',
				'costUsd',
				'costSource',
				'verdict',
				'prompt',
				'metadata'
			])
		);
		expect(records[5]).toMatchObject({ costUsd: '0.000006', costSource: 'reported', metadata: '{"n":5}' });
	});

	test('the range and project filters apply to the export', async () => {
		const csv = await text(
			attemptsCsv(database.db, ws, filtersSchema.parse({ project: 'b', from: '2026-11-20' }))
		);
		const records: Record<string, string>[] = parse(csv, { columns: true });
		expect(records.map((r) => r.id)).toEqual(['w48-2', 'w48-4']);
	});

	test('the weekly CSV has one row per week and model, in the workspace time zone', async () => {
		const rows: Record<string, string>[] = parse(
			await weeklyCsv(database.db, ws, filtersSchema.parse({}), zone),
			{ columns: true }
		);
		expect(rows.map((r) => [r.week, r.model, r.spendUsd, r.kept])).toEqual([
			['2026-W47', 'sora-2', '2.000000', '1'],
			['2026-W47', 'sora-2-pro', '3.000000', '1'],
			['2026-W48', 'sora-2', '2.000000', '0'],
			['2026-W48', 'sora-2-pro', '6.000000', '1']
		]);
	});
});

describe('weekly digest', () => {
	let receiver: Server;
	let url: string;
	const received: unknown[] = [];
	let failuresLeft = 0;

	beforeAll(async () => {
		// The receiver runs on this machine: allowed the way an operator allows a server on the LAN.
		vi.stubEnv('KEEPRATE_OUTBOUND_ALLOW_HOSTS', '127.0.0.1');
		receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push(JSON.parse(body));
				if (failuresLeft-- > 0) res.writeHead(500).end('busy');
				else res.writeHead(200).end('ok');
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
	});
	afterAll(() => new Promise<void>((r) => receiver.close(() => r())));
	afterAll(() => vi.unstubAllEnvs());

	test('retries until the receiver takes it, with the headline figures and a link', async () => {
		await updateWorkspaceSettings(database.db, ws, { digestWebhookUrl: url });
		failuresLeft = 2;
		received.length = 0;
		const result = await sendDigest(database.db, ws, '2026-W48', {
			baseUrl: 'https://kr.example',
			retryDelays: [5, 5, 5],
			now: () => now
		});
		expect(result).toEqual({ sent: true, tries: 3 });
		expect(received).toHaveLength(3);
		const message = received[2] as { text: string; blocks: { text?: { text: string } }[] };
		expect(message.text).toBe(
			'keeprate weekly review 2026-W48: spend $8.00, wasted $4.00. https://kr.example/weekly?week=2026-W48'
		);
		expect(message.blocks[1].text?.text).toContain('*Spend:* $8.00 (+60% vs last week)');
		// Without a labour rate the digest prices no review time.
		expect(message.blocks[1].text?.text).not.toContain('All in');
	});

	test('with a labour rate, the digest gives the all-in cost per kept clip and the week’s review time', async () => {
		// Six minutes of review on the week's one kept take (a verdict resent with its time), at $45 an hour.
		await ingest(
			database.db,
			ws,
			{
				attempts: [
					take('w48-2', 'sora-2-pro', '2026-11-24T10:00:00Z', {
						verdict: 'keep',
						project: 'b',
						reviewSeconds: 360
					})
				]
			},
			now
		);
		await updateWorkspaceSettings(database.db, ws, { digestWebhookUrl: url, laborMicrosPerHour: 45_000_000 });
		const bill = await weeklyReview(database.db, ws, '2026-W48', undefined, now);
		expect(bill.keptClips).toBe(1);
		failuresLeft = 0;
		received.length = 0;
		const result = await sendDigest(database.db, ws, '2026-W48', {
			baseUrl: 'x',
			retryDelays: [],
			now: () => now
		});
		expect(result).toEqual({ sent: true, tries: 1 });
		const message = received[0] as { blocks: { text?: { text: string } }[] };
		// One kept clip: its all-in cost is the week's bill per kept clip plus 6 min at $45/h ($4.50).
		const allIn = formatUsd(bill.costPerKeptClipUsd! + 4.5);
		expect(message.blocks[1].text?.text).toContain(
			`*All in, with review:* ${allIn} per kept clip (6 min of review, $4.50)`
		);
		await updateWorkspaceSettings(database.db, ws, { laborMicrosPerHour: null });
	});

	test('a receiver that keeps failing is tried again later, and a sent week is not sent twice', async () => {
		const other = await freshWorkspace(database);
		await updateWorkspaceSettings(database.db, other, { digestWebhookUrl: url, timeZone: zone });
		const week = lastClosedWeek(now, zone);
		expect(week).toBe('2026-W47');
		failuresLeft = 100;
		const failed = await sendDigest(database.db, other, week, {
			baseUrl: 'x',
			retryDelays: [1],
			now: () => now
		});
		expect(failed).toEqual({ sent: false, tries: 2, error: 'the webhook answered 500' });
		// Only this workspace has a webhook now.
		await updateWorkspaceSettings(database.db, ws, { digestWebhookUrl: null });
		received.length = 0;
		// Before the back-off has passed, the scheduler leaves it alone.
		expect(await sendDueDigests(database.db, { baseUrl: 'x', retryDelays: [], now: () => now })).toBe(0);
		expect(received).toHaveLength(0);
		failuresLeft = 0;
		const later = () => new Date(now.getTime() + 3600_000);
		expect(await sendDueDigests(database.db, { baseUrl: 'x', retryDelays: [], now: later })).toBe(1);
		expect(received).toHaveLength(1);
		expect(await sendDueDigests(database.db, { baseUrl: 'x', retryDelays: [], now: later })).toBe(0);
		expect(received).toHaveLength(1);
	});
});
