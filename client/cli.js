#!/usr/bin/env node
// keeprate on the command line:
//   keeprate import FILE [--dry-run]                  a CSV (attempts.csv columns) or NDJSON file
//   keeprate summary [--from D] [--to D] [--project P]  per-model figures as a table
// The server and key come from --url and --key, or KEEPRATE_URL and KEEPRATE_API_KEY.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createClient, KeeprateError } from './index.js';

const USAGE = `usage:
  keeprate import FILE [--dry-run] [--url URL] [--key KEY]
  keeprate summary [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--project SLUG] [--url URL] [--key KEY]
The server and key may also come from KEEPRATE_URL and KEEPRATE_API_KEY.`;

/** @param {string} problem @returns {never} */
function usage(problem) {
	console.error(`keeprate: ${problem}\n${USAGE}`);
	process.exit(2);
}

/** The command line's options and positionals. */
function parseOptions() {
	return parseArgs({
		allowPositionals: true,
		options: {
			url: { type: 'string' },
			key: { type: 'string' },
			'dry-run': { type: 'boolean', default: false },
			from: { type: 'string' },
			to: { type: 'string' },
			project: { type: 'string' }
		}
	});
}
/** @type {ReturnType<typeof parseOptions>} */
let parsed;
try {
	parsed = parseOptions();
} catch (error) {
	usage(/** @type {Error} */ (error).message);
}
const { values, positionals } = parsed;
const [command, ...rest] = positionals;
const url = values.url ?? process.env.KEEPRATE_URL;
const key = values.key ?? process.env.KEEPRATE_API_KEY;
if (!command) usage('say what to do: import or summary');
if (!url) usage('no server: pass --url or set KEEPRATE_URL');
if (!key) usage('no API key: pass --key or set KEEPRATE_API_KEY');
const client = createClient({ url, key });

const count = (/** @type {number} */ n) => n.toLocaleString('en');
const megabytes = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file as a stream that draws a progress bar on stderr as it is read (the server reads as it stores). */
/** @param {string} path @returns {ReadableStream<Uint8Array>} */
function withProgress(path) {
	const total = statSync(path).size;
	let read = 0;
	let drawn = -1;
	const draw = () => {
		const share = total === 0 ? 1 : read / total;
		const percent = Math.floor(share * 100);
		if (percent === drawn) return;
		drawn = percent;
		const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
		process.stderr.write(
			`\r[${bar}] ${String(percent).padStart(3)}% ${megabytes(read)} of ${megabytes(total)}`
		);
	};
	/** @type {TransformStream<Uint8Array, Uint8Array>} */
	const counting = new TransformStream({
		transform(chunk, controller) {
			read += chunk.byteLength;
			if (process.stderr.isTTY) draw();
			controller.enqueue(chunk);
		},
		flush() {
			if (process.stderr.isTTY) process.stderr.write('\n');
		}
	});
	const file = /** @type {ReadableStream<Uint8Array>} */ (
		/** @type {unknown} */ (Readable.toWeb(createReadStream(path)))
	);
	return file.pipeThrough(counting);
}

async function runImport() {
	const [file] = rest;
	if (!file) usage('import needs a file');
	let size;
	try {
		size = statSync(file).size;
	} catch {
		usage(`cannot read ${file}`);
	}
	const type = /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'csv';
	const dryRun = values['dry-run'];
	console.error(
		`${dryRun ? 'Checking' : 'Importing'} ${file} (${megabytes(size)}, ${type.toUpperCase()}) into ${url}`
	);
	const report = await client.importFile(withProgress(file), { type, dryRun });
	const verb = dryRun ? 'would be' : 'were';
	console.log(`${count(report.lines)} lines read${dryRun ? ' (dry run: nothing was stored)' : ''}`);
	console.log(`  ${count(report.accepted)} new attempts ${verb} stored`);
	console.log(`  ${count(report.duplicates)} already stored (duplicates)`);
	console.log(`  ${count(report.updated)} verdicts ${verb} updated`);
	console.log(`  ${count(report.refusedCount)} lines refused${report.refusedCount ? ':' : ''}`);
	for (const r of report.refused.slice(0, 20))
		console.log(`    line ${r.line}: ${r.path || '(line)'}: ${r.message}`);
	if (report.refusedCount > 20) console.log(`    ... and ${count(report.refusedCount - 20)} more`);
	// Refused lines are a result, not a failure of the command; a script can still tell them apart.
	process.exitCode = report.refusedCount > 0 ? 3 : 0;
}

const usd = (/** @type {number | null} */ v) => (v === null ? '—' : `$${v.toFixed(v < 1 ? 3 : 2)}`);
const percent = (/** @type {number | null} */ v) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * @typedef {{ model: string, attempts: number, kept: number, keepRate: number | null, spendUsd: number,
 *   costPerKeptClipUsd: number | null }} ModelRow
 * @typedef {{ base: string, premium: string, recommendation: string | null,
 *   probabilityPremiumCheaper: number | null }} Comparison
 */
async function runSummary() {
	const answer = await client.summary({ from: values.from, to: values.to, project: values.project });
	const { models, comparisons } = /** @type {{ models: ModelRow[], comparisons: Comparison[] }} */ (answer);
	const rows = [
		['Model', 'Attempts', 'Kept', 'Keep rate', 'Spend', 'Per kept clip'],
		...models.map((m) => [
			m.model,
			count(m.attempts),
			count(m.kept),
			percent(m.keepRate),
			usd(m.spendUsd),
			usd(m.costPerKeptClipUsd)
		])
	];
	const widths = rows[0].map((_, /** @type {number} */ c) => Math.max(...rows.map((r) => r[c].length)));
	for (const [i, row] of rows.entries()) {
		console.log(
			row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')
		);
		if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	}
	if (models.length === 0) console.log('(no attempts in this range)');
	for (const c of comparisons)
		console.log(
			`${c.premium} vs ${c.base}: ${c.recommendation ?? 'no advice yet'} (chance the dearer tier is cheaper per kept clip: ${percent(c.probabilityPremiumCheaper)})`
		);
}

try {
	if (command === 'import') await runImport();
	else if (command === 'summary') await runSummary();
	else usage(`unknown command "${command}"`);
} catch (caught) {
	const error = /** @type {Error & { cause?: { message?: string } }} */ (caught);
	const why =
		error instanceof KeeprateError
			? error.message
			: `cannot reach ${url}: ${error.cause?.message ?? error.message}`;
	console.error(`\nkeeprate: ${why}`);
	process.exit(1);
}
