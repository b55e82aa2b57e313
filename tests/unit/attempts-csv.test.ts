// The attempts CSV streams page by page: a failure before the first byte is an error the handler can
// answer; a failure after it breaks the download off (and is logged) rather than ending a truncated file.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { attemptsCsv } from '../../src/lib/server/export/attempts-csv';
import type { Db } from '../../src/lib/server/db/connection';
import type { Attempt } from '../../src/lib/server/db/schema';

const row = (i: number): Attempt => ({
	workspaceId: 'w',
	id: `a${String(i).padStart(4, '0')}`,
	project: 'p',
	model: 'm',
	durationSeconds: 8,
	resolution: null,
	costMicros: 1_000_000,
	costSource: 'reported',
	status: 'succeeded',
	verdict: 'pending',
	rejectReason: null,
	verdictAt: null,
	verdictBy: null,
	createdAt: new Date(Date.UTC(2026, 8, 1, 0, 0, i)),
	receivedAt: new Date(Date.UTC(2026, 8, 2)),
	shotId: null,
	tags: [],
	tagsSource: null,
	tagsInferredBy: null,
	prompt: null,
	generationSeconds: null,
	reviewSeconds: null,
	creator: null,
	videoUrl: null,
	metadata: null,
	rejectCategory: null,
	rejectCategoryBy: null,
	contentHash: 'h'
});

/** A database whose successive page reads give these pages, or fail with these errors. */
function fakeDb(pages: (Attempt[] | Error)[]): Db {
	let read = 0;
	const query = {
		from: () => query,
		where: () => query,
		orderBy: () => query,
		limit: () => {
			const page = pages[read++];
			return page instanceof Error ? Promise.reject(page) : Promise.resolve(page);
		}
	};
	return { select: () => query } as unknown as Db;
}

const fullPage = Array.from({ length: 1000 }, (_, i) => row(i));

afterEach(() => {
	vi.restoreAllMocks();
});

describe('attemptsCsv', () => {
	test('a failing first read rejects before any byte, so the handler answers an error status', async () => {
		await expect(attemptsCsv(fakeDb([new Error('out of range')]), 'w', {})).rejects.toThrow('out of range');
	});

	test('a failing later read breaks the stream off and is logged, never a clean end', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const stream = await attemptsCsv(fakeDb([fullPage, new Error('connection lost')]), 'w', {});
		const reader = stream.getReader();
		const first = await reader.read();
		expect(new TextDecoder().decode(first.value)).toMatch(/^id,project,model,/);
		await expect(reader.read()).rejects.toThrow('connection lost');
		expect(log).toHaveBeenCalledWith(expect.stringMatching(/attempts CSV/), expect.any(Error));
	});

	test('pages follow one another to a clean end', async () => {
		const stream = await attemptsCsv(fakeDb([fullPage, [row(1000)]]), 'w', {});
		const text = await new Response(stream).text();
		expect(text.trimEnd().split(/\r?\n/)).toHaveLength(1 + 1001);
	});
});
