// The API fuzz property, shared by the slice in `npm test` and `npm run test:fuzz`: hostile requests (see
// requests.ts) sent to a real server, a few at a time. For each: no 5xx; every 4xx is JSON in the API's
// error shape; a refused write stored nothing (its tagged ids read 404, its project counts 0 attempts)
// and a refused PATCH left the verdict as it was; an accepted write reads back.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import type { TestServer } from '../setup/server';
import { TAG, type FuzzRequest } from './arbitraries';
import { anyRequest, SEEDED_ID } from './requests';

export interface FuzzOptions {
	/** Hostile requests to send (follow-up reads that check them are counted apart). */
	runs: number;
	seed: number;
	/** Requests in flight at once. */
	concurrency?: number;
}

export interface FuzzReport {
	seed: number;
	requests: number;
	checks: number;
	seconds: number;
	statuses: Record<number, number>;
	byRoute: Record<string, Record<number, number>>;
	failures: string[];
	/** Refusals in plain text that KNOWN_GAPS lists, per status and route: counted, not failed. */
	knownGaps: Record<string, number>;
	/** Connection resets met (each sent once more). */
	resets: number;
}

/** KEEPRATE_FUZZ_RUNS and KEEPRATE_FUZZ_SEED, else the defaults given. */
export function fuzzOptionsFromEnv(defaultRuns: number): FuzzOptions {
	const runs = Number(process.env.KEEPRATE_FUZZ_RUNS || defaultRuns);
	const seed = process.env.KEEPRATE_FUZZ_SEED
		? Number(process.env.KEEPRATE_FUZZ_SEED)
		: Math.floor(Math.random() * 2 ** 31);
	return { runs, seed, concurrency: Number(process.env.KEEPRATE_FUZZ_CONCURRENCY || 6) };
}

/**
 * Plain-text refusals SvelteKit answers outside the API's error mapping: known gaps, counted and printed,
 * not failed. A method a route lacks (405: apiErrorAsJson converts only HTML), and a form-encoded POST or
 * PATCH with a foreign Origin (403 from SvelteKit's CSRF check, which runs before any hook).
 */
const KNOWN_GAPS: [number, RegExp][] = [
	[403, /^(Cross-site [A-Z]+ form submissions are forbidden)?$/],
	// Node's HTTP server itself, for a request line and headers over its 16 KB limit: no app, no body.
	[431, /^$/]
];

const CSV_PATH = /^\/api\/v1\/(attempts|weekly)\.csv(\?|$)/;

/** The attempt that fuzz reads and PATCHes of an existing id find. */
export async function seedFuzzServer(server: TestServer): Promise<void> {
	const response = await server.api('/api/v1/attempts', {
		method: 'POST',
		body: JSON.stringify(stored(SEEDED_ID, 'fuzz-seed'))
	});
	if (response.status !== 200) throw new Error(`seeding: ${response.status} ${await response.text()}`);
}

const stored = (id: string, project: string) => ({
	id,
	project,
	model: 'in-house-model',
	durationSeconds: 5,
	costUsd: 1,
	createdAt: '2026-09-01T10:00:00Z'
});

const isReset = (error: unknown) =>
	['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(
		((error as Error).cause as { code?: string } | undefined)?.code ?? ''
	);

const withCause = (error: unknown) => {
	const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
	return `${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
};

const preview = (body: FuzzRequest['body']) =>
	body === undefined
		? 'none'
		: typeof body === 'string'
			? `${JSON.stringify(body.slice(0, 400))}${body.length > 400 ? ` ... (${body.length} chars)` : ''}`
			: `bytes [${[...body.slice(0, 60)].join(',')}] (${body.length} bytes)`;

const isErrorShape = (body: unknown): boolean => {
	if (body === null || typeof body !== 'object') return false;
	const { error, issues } = body as { error?: unknown; issues?: unknown };
	if (typeof error !== 'string') return false;
	if (issues === undefined) return true;
	return (
		Array.isArray(issues) &&
		issues.every(
			(i) =>
				i !== null &&
				typeof i === 'object' &&
				typeof i.path === 'string' &&
				typeof i.message === 'string' &&
				(i.index === undefined || Number.isInteger(i.index))
		)
	);
};

export async function fuzzApi(server: TestServer, options: FuzzOptions): Promise<FuzzReport> {
	const { runs, seed, concurrency = 6 } = options;
	const started = Date.now();
	const report: FuzzReport = {
		seed,
		requests: 0,
		checks: 0,
		seconds: 0,
		statuses: {},
		byRoute: {},
		failures: [],
		knownGaps: {},
		resets: 0
	};
	let next = 0;
	const progress = process.env.KEEPRATE_FUZZ_PROGRESS;

	/**
	 * Once more on a connection reset: a keep-alive socket the server closed after refusing a request
	 * whose body it did not read. Resends are safe (writes are idempotent by id); resets are counted.
	 */
	const again = async (call: () => Promise<Response>): Promise<Response> => {
		try {
			return await call();
		} catch (error) {
			if (!isReset(error)) throw error;
			report.resets++;
			return call();
		}
	};

	/** A follow-up read that checks what a write did; its answer must be `status`. */
	const expectStatus = async (path: string, status: number, what: string) => {
		report.checks++;
		const response = await again(() => server.api(path));
		const body = await response.text();
		if (response.status !== status)
			throw new Error(
				`${what}: GET ${path} answered ${response.status}, not ${status}: ${body.slice(0, 300)}`
			);
		return body;
	};

	async function send(request: FuzzRequest): Promise<void> {
		const tag = (next++).toString(36);
		const fill = (s: string) => s.replaceAll(TAG, tag);
		const path = fill(request.path);
		const body = typeof request.body === 'string' ? fill(request.body) : request.body;
		const describe = () =>
			`${request.method} ${path.slice(0, 300)}${path.length > 300 ? ` ... (${path.length} chars)` : ''}\n` +
			`  headers: ${JSON.stringify(request.headers).slice(0, 200)}\n  body: ${preview(body)}`;
		if (request.patchTarget) {
			const target = fill(request.patchTarget);
			report.checks++;
			const created = await again(() =>
				server.api('/api/v1/attempts', {
					method: 'POST',
					body: JSON.stringify(stored(target, `fz-${tag}`))
				})
			);
			if (created.status !== 200)
				throw new Error(`storing the PATCH target: ${created.status} ${await created.text()}`);
		}
		const logFrom = server.output().length;
		report.requests++;
		let response: Response;
		try {
			response = await again(() =>
				server.api(path, {
					method: request.method,
					headers: request.headers,
					body: body as BodyInit | undefined,
					redirect: 'manual'
				})
			);
		} catch (error) {
			const log = server.output().slice(logFrom).slice(-2000);
			const message = `no answer: ${withCause(error)}\n  request: ${describe()}\n  server log: ${log}`;
			report.failures.push(message);
			throw new Error(message);
		}
		const { status } = response;
		report.statuses[status] = (report.statuses[status] ?? 0) + 1;
		const route = (report.byRoute[request.route] ??= {});
		route[status] = (route[status] ?? 0) + 1;

		const fail = (why: string, text = ''): never => {
			const log = server.output().slice(logFrom).slice(-2000);
			const message = `${why}\n  request: ${describe()}\n  response: ${status} ${response.headers.get('content-type')} ${text.slice(0, 600)}${log ? `\n  server log: ${log}` : ''}`;
			report.failures.push(message);
			throw new Error(message);
		};

		let text = '';
		if (request.method !== 'HEAD') {
			try {
				text = await response.text();
			} catch (error) {
				fail(`the response broke off: ${(error as Error).message}`);
			}
		}
		if (status >= 500) fail('a 5xx', text);
		const type = response.headers.get('content-type') ?? '';
		const gap = KNOWN_GAPS.find(([code, body]) => code === status && body.test(text));
		if (gap && !type.startsWith('application/json')) {
			const key = `${status} ${request.route}`;
			report.knownGaps[key] = (report.knownGaps[key] ?? 0) + 1;
		} else if (status >= 400) {
			if (!type.startsWith('application/json')) fail('a 4xx that is not JSON', text);
			if (request.method !== 'HEAD') {
				let parsed: unknown;
				try {
					parsed = JSON.parse(text);
				} catch {
					fail('a 4xx whose body does not parse as JSON', text);
				}
				if (!isErrorShape(parsed))
					fail('a 4xx not in the error shape {error, issues?: [{path, message, index?}]}', text);
			}
		} else if (status === 200 && request.method === 'GET' && CSV_PATH.test(path)) {
			if (!type.startsWith('text/csv')) fail('a CSV route answering 200 without text/csv', text);
		} else if (status === 200 && request.method !== 'HEAD' && text !== '') {
			try {
				JSON.parse(text);
			} catch {
				fail('a 200 whose body is not JSON', text);
			}
		}

		try {
			if (request.writes && typeof body === 'string') {
				const ids = [
					...new Set([...body.matchAll(new RegExp(`"id":"(fz-${tag}-\\d+)"`, 'g'))].map((m) => m[1]))
				];
				if (status >= 400) {
					for (const id of ids.slice(0, 2))
						await expectStatus(`/api/v1/attempts/${id}`, 404, 'a refused write stored an attempt');
					const summary = await expectStatus(
						`/api/v1/summary?project=fz-${tag}`,
						200,
						'counting a refused write'
					);
					const { models } = JSON.parse(summary) as { models: { attempts: number }[] };
					const count = models.reduce((n, m) => n + m.attempts, 0);
					if (count !== 0) throw new Error(`a refused write stored ${count} attempts in project fz-${tag}`);
				} else if (status === 200 && ids.length > 0 && !request.writes.partial) {
					await expectStatus(`/api/v1/attempts/${ids[0]}`, 200, 'an accepted write does not read back');
				}
			}
			if (request.patchTarget && status >= 400) {
				const after = JSON.parse(await expectStatus(path, 200, 'reading a refused PATCH’s attempt'));
				if (after.verdict !== 'pending' || (after.rejectReason ?? null) !== null) {
					throw new Error(`a refused PATCH changed the attempt: ${JSON.stringify(after).slice(0, 300)}`);
				}
			}
		} catch (error) {
			fail(withCause(error), text);
		}
	}

	try {
		await fc.assert(
			fc.asyncProperty(
				fc.array(anyRequest, { minLength: concurrency, maxLength: concurrency }),
				async (requests) => {
					await Promise.all(requests.map(send));
					// KEEPRATE_FUZZ_PROGRESS: a file that gets a line every 500 requests, for long runs.
					if (progress && report.requests % 500 < concurrency) {
						const seconds = ((Date.now() - started) / 1000).toFixed(0);
						appendFileSync(
							progress,
							`${seconds} s: ${report.requests} requests, ${JSON.stringify(report.statuses)}\n`
						);
					}
				}
			),
			{ numRuns: Math.ceil(runs / concurrency), seed, endOnFailure: true }
		);
	} catch (error) {
		report.seconds = (Date.now() - started) / 1000;
		printReport(report);
		// fast-check's message puts the counterexample first and the error last; keep the error.
		const cause = (error as Error).cause as Error | undefined;
		const first = report.failures[0] ?? (cause ? withCause(cause) : (error as Error).message.slice(-2000));
		throw new Error(
			`API fuzz failed (replay: KEEPRATE_FUZZ_SEED=${seed} KEEPRATE_FUZZ_RUNS=${runs}):\n${first}`
		);
	}
	report.seconds = (Date.now() - started) / 1000;
	printReport(report);
	return report;
}

export function printReport(report: FuzzReport): void {
	const routes = Object.entries(report.byRoute)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([route, counts]) => `  ${route.padEnd(36)} ${JSON.stringify(counts)}`);
	console.log(
		[
			`API fuzz: seed ${report.seed}, ${report.requests} requests (+${report.checks} follow-up reads) in ${report.seconds.toFixed(1)} s, ${report.resets} connection resets resent`,
			`statuses: ${JSON.stringify(report.statuses)}`,
			...routes,
			...(Object.keys(report.knownGaps).length
				? [`plain-text refusals (known gaps): ${JSON.stringify(report.knownGaps)}`]
				: []),
			report.failures.length ? `failures: ${report.failures.length}` : 'failures: none'
		].join('\n')
	);
}
