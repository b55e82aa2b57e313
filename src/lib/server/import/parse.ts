// An import body, read as a stream of lines: CSV (a header row naming the columns of attempts.csv) or
// NDJSON (one attempt per line, exactly as the JSON API takes it). Never held whole in memory: each line is
// handed on as it arrives, and reading waits while the import stores a batch.
import { createInterface } from 'node:readline';
import { Readable, type Transform } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { CsvError, parse } from 'csv-parse';
import { jsonNestedDeeperThan, DEPTH_MESSAGE } from '$lib/schemas/safe-input';
import { ApiError } from '../errors';
import type { ImportLine } from './index';
import { headerProblems, rowToAttempt } from './rows';

/** A line longer than this is refused (an attempt is at most about 30 KB as JSON). */
export const MAX_LINE_BYTES = 1024 * 1024;

const toNode = (body: ReadableStream<Uint8Array>) =>
	Readable.fromWeb(body as unknown as WebStream<Uint8Array>);

/**
 * A parser's records in order, then its error if it failed: every record parsed before a failure is
 * handed on first (an async iterator over the stream would drop those still buffered). The parser pauses
 * while records wait, so reading keeps pace with the import.
 */
async function* recordsOf(parser: Transform): AsyncGenerator<string[] | { failed: Error }> {
	const waiting: (string[] | { failed: Error })[] = [];
	let ended = false;
	let wake: (() => void) | undefined;
	const notify = () => {
		wake?.();
		wake = undefined;
	};
	parser.on('data', (record: string[]) => {
		waiting.push(record);
		if (waiting.length >= 1000) parser.pause();
		notify();
	});
	parser.on('error', (error: Error) => {
		waiting.push({ failed: error });
		ended = true;
		notify();
	});
	parser.on('end', () => {
		ended = true;
		notify();
	});
	for (;;) {
		const next = waiting.shift();
		if (next) {
			if (waiting.length < 100) parser.resume();
			yield next;
			if ('failed' in next) return;
			continue;
		}
		if (ended) return;
		await new Promise<void>((resolve) => (wake = resolve));
	}
}

/**
 * CSV lines; a header that names unknown columns or lacks required ones refuses the file (400). Times
 * without a zone are read in `timeZone` (the workspace's). Quotes inside a cell that is not quoted are
 * kept as text; a quote left open swallows the rest of the file, so the import stops there, reported on
 * the line it starts.
 */
export async function* csvLines(
	body: ReadableStream<Uint8Array>,
	timeZone = 'UTC'
): AsyncGenerator<ImportLine> {
	const parser = toNode(body).pipe(
		parse({
			bom: true,
			skip_empty_lines: true,
			relax_column_count: true,
			relax_quotes: true,
			max_record_size: MAX_LINE_BYTES
		})
	);
	let header: string[] | undefined;
	let line = 0;
	try {
		for await (const record of recordsOf(parser)) {
			if ('failed' in record) {
				const error = record.failed;
				if (!(error instanceof CsvError)) throw error;
				if (!header)
					throw new ApiError(400, 'the header row cannot be read as CSV: nothing was stored', [
						{ path: 'header', message: error.message }
					]);
				yield {
					line: line + 1,
					problem: { path: '', message: `${error.message}; the file was not read past this line` }
				};
				return;
			}
			if (!header) {
				header = record.map((name) => name.trim());
				const problems = headerProblems(header);
				if (problems.length > 0)
					throw new ApiError(
						400,
						'the header row does not name the columns of attempts.csv: nothing was stored',
						problems
					);
				continue;
			}
			line++;
			if (record.length !== header.length) {
				yield {
					line,
					problem: { path: '', message: `has ${record.length} cells where the header has ${header.length}` }
				};
				continue;
			}
			yield {
				line,
				value: rowToAttempt(Object.fromEntries(header.map((name, i) => [name, record[i]])), timeZone)
			};
		}
	} finally {
		parser.destroy();
	}
	if (!header)
		throw new ApiError(400, 'the file is empty: a CSV import starts with a header row', [
			{ path: 'header', message: 'missing' }
		]);
}

/** NDJSON lines: each non-empty line one JSON attempt; blank lines are skipped but counted. */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<ImportLine> {
	const reader = createInterface({ input: toNode(body), crlfDelay: Infinity });
	let line = 0;
	for await (const text of reader) {
		line++;
		if (text.trim() === '') continue;
		if (Buffer.byteLength(text) > MAX_LINE_BYTES) {
			yield { line, problem: { path: '', message: `is longer than ${MAX_LINE_BYTES} bytes` } };
			continue;
		}
		if (jsonNestedDeeperThan(text)) {
			yield { line, problem: { path: '', message: DEPTH_MESSAGE } };
			continue;
		}
		try {
			yield { line, value: JSON.parse(text) };
		} catch (error) {
			yield { line, problem: { path: '', message: `is not valid JSON: ${(error as Error).message}` } };
		}
	}
}
