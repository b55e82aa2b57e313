// Issue 13: an attempt's fields were mapped twice, for the API and for the CSV, and already differed (the
// CSV had no verdictBy, the API no receivedAt). Both now come from one mapping: the API's answer for an
// attempt and its CSV row carry the same fields with the same values.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startServer, type TestServer } from '../setup/server';

let server: TestServer;

const attempts = [
	{
		id: 'fields-plain',
		project: 'fields',
		model: 'sora-2',
		durationSeconds: 8,
		resolution: '1280x720',
		createdAt: '2026-09-01T10:00:00Z'
	},
	{
		id: 'fields-full',
		project: 'fields',
		model: 'sora-2-pro',
		durationSeconds: 12.5,
		resolution: '1920x1080',
		costUsd: 3.123457,
		status: 'succeeded',
		verdict: 'reject',
		rejectReason: 'warped hands, "again"',
		reviewSeconds: 37.25,
		shotId: 'shot-1',
		tags: ['close-up', 'fabric'],
		prompt: '=SUM(A1) a prompt, with a comma\nand a second line',
		generationSeconds: 41.25,
		creator: 'ana',
		videoUrl: 'https://example.com/v/1.mp4',
		metadata: { seed: 7, nested: { ok: true } },
		createdAt: '2026-09-01T10:05:00.123Z'
	},
	{
		id: 'fields-failed',
		project: 'fields',
		model: 'sora-2',
		durationSeconds: 4,
		status: 'failed',
		metadata: { note: 'failed at the provider' },
		createdAt: '2026-09-01T10:10:00Z'
	}
];

/** RFC 4180 rows, quotes undone. */
const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false });

/** A JSON field's value as its CSV cell should read. */
function asCell(field: string, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (field === 'costUsd') return (value as number).toFixed(6);
	if (field === 'tags') return (value as string[]).join(';');
	if (field === 'metadata') return JSON.stringify(value);
	const text = String(value);
	// The CSV neutralises a cell a spreadsheet would run as a formula.
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

beforeAll(async () => {
	server = await startServer();
	const response = await server.api('/api/v1/attempts', {
		method: 'POST',
		body: JSON.stringify({ attempts })
	});
	expect(response.status, await response.clone().text()).toBe(200);
	// A late verdict through the API, so verdictAt and verdictBy are set on one attempt.
	const patch = await server.api('/api/v1/attempts/fields-plain', {
		method: 'PATCH',
		body: JSON.stringify({ verdict: 'keep' })
	});
	expect(patch.status).toBe(200);
});
afterAll(async () => {
	await server?.stop();
});

describe('an attempt in the API and in the attempts CSV', () => {
	test('the CSV has one column per field of the API answer, in the same order', async () => {
		const csv = parseCsv(await (await server.api('/api/v1/attempts.csv?project=fields')).text());
		const api = await (await server.api('/api/v1/attempts/fields-full')).json();
		expect(csv[0]).toEqual(Object.keys(api));
		expect(csv[0]).toContain('verdictBy');
		expect(csv[0]).toContain('receivedAt');
	});

	test.each(attempts.map((a) => a.id))('%s carries the same values in both', async (id) => {
		const csv = parseCsv(await (await server.api('/api/v1/attempts.csv?project=fields')).text());
		const [head, ...rows] = csv;
		const row = rows.find((r) => r[0] === id);
		expect(row).toBeDefined();
		const response = await server.api(`/api/v1/attempts/${id}`);
		expect(response.status).toBe(200);
		const api = (await response.json()) as Record<string, unknown>;
		const fromCsv = Object.fromEntries(head.map((field, i) => [field, row![i]]));
		const fromApi = Object.fromEntries(Object.entries(api).map(([field, v]) => [field, asCell(field, v)]));
		expect(fromCsv).toEqual(fromApi);
	});

	test('the PATCH answer is the attempt as GET then reads it', async () => {
		const patched = await server.api('/api/v1/attempts/fields-full', {
			method: 'PATCH',
			body: JSON.stringify({ verdict: 'keep' })
		});
		expect(patched.status).toBe(200);
		const got = await (await server.api('/api/v1/attempts/fields-full')).json();
		expect(await patched.json()).toEqual(got);
		expect(got.verdictBy).toMatch(/^key:/);
		expect(got.verdict).toBe('keep');
	});
});
