// A client for a keeprate server's API, with no dependencies (Node 20's fetch). Writes are idempotent by
// attempt id, so a write that met a 429, a 503 or a network error is sent again after the wait the server
// names (Retry-After) or a growing backoff: nothing is lost and nothing is counted twice.

/** @typedef {{ url: string, key: string, retries?: number, fetch?: typeof fetch, sleep?: (ms: number) => Promise<void> }} ClientOptions */
/** @typedef {{ error: string, issues?: { index?: number, path: string, message: string }[] }} ErrorBody */
/** @typedef {{ accepted: number, duplicates: number, updated: number }} IngestResult */
/**
 * @typedef {{ lines: number, accepted: number, duplicates: number, updated: number,
 *   refused: { line: number, path: string, message: string }[], refusedCount: number, dryRun: boolean }} ImportReport
 */
/** @typedef {Record<string, string | string[] | undefined>} Query */

/** An answer the server refused (4xx, or a 5xx after every retry): its status and error body. */
export class KeeprateError extends Error {
	/** @param {number} status @param {ErrorBody} body */
	constructor(status, body) {
		super(
			`${status}: ${body.error}${
				body.issues?.length
					? ` (${body.issues
							.map((i) => `${i.index !== undefined ? `[${i.index}] ` : ''}${i.path}: ${i.message}`)
							.slice(0, 5)
							.join('; ')})`
					: ''
			}`
		);
		this.status = status;
		this.body = body;
	}
}

export const MAX_BATCH = 1000;
const RETRIED = new Set([429, 502, 503, 504]);

/** @param {ClientOptions} options */
export function createClient({ url, key, retries = 5, fetch: send = fetch, sleep = wait }) {
	const base = url.replace(/\/$/, '');
	const headers = { authorization: `Bearer ${key}` };

	/**
	 * One request, sent again on 429/502/503/504 and network errors (never for a streamed body, which can
	 * be read once: the caller sends the file again).
	 * @param {string} path @param {RequestInit & { retry?: boolean }} init
	 */
	async function request(path, init = {}) {
		const { retry = true, ...rest } = init;
		for (let attempt = 0; ; attempt++) {
			let response;
			try {
				response = await send(base + path, { ...rest, headers: { ...headers, ...rest.headers } });
			} catch (error) {
				if (!retry || attempt >= retries) throw error;
				await sleep(backoff(attempt));
				continue;
			}
			if (retry && RETRIED.has(response.status) && attempt < retries) {
				const after = Number(response.headers.get('retry-after'));
				await response.body?.cancel();
				await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : backoff(attempt));
				continue;
			}
			const body = response.headers.get('content-type')?.includes('json')
				? await response.json()
				: await response.text();
			if (!response.ok)
				throw new KeeprateError(response.status, typeof body === 'string' ? { error: body } : body);
			return body;
		}
	}

	/** @param {string} path @param {Query} [query] */
	const read = (path, query = {}) => request(path + queryString(query));
	/** @param {string} path @param {unknown} body @param {string} [method] */
	const write = (path, body, method = 'POST') =>
		request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	return {
		/**
		 * Logs attempts in batches of up to 1000, each batch atomic; answers the sums of what each did.
		 * @param {Record<string, unknown>[]} attempts
		 * @param {{ onBatch?: (done: number, total: number) => void }} [options]
		 * @returns {Promise<IngestResult>}
		 */
		async logAttempts(attempts, { onBatch } = {}) {
			const total = { accepted: 0, duplicates: 0, updated: 0 };
			for (let from = 0; from < attempts.length; from += MAX_BATCH) {
				const result = /** @type {IngestResult} */ (
					await write('/api/v1/attempts', { attempts: attempts.slice(from, from + MAX_BATCH) })
				);
				total.accepted += result.accepted;
				total.duplicates += result.duplicates;
				total.updated += result.updated;
				onBatch?.(Math.min(from + MAX_BATCH, attempts.length), attempts.length);
			}
			return total;
		},
		/**
		 * @param {string} id @param {'keep' | 'reject' | 'pending'} verdict @param {string} [rejectReason]
		 * @param {number} [reviewSeconds] how long reviewers spent on it (sets it; left as it is when absent)
		 */
		setVerdict: (id, verdict, rejectReason, reviewSeconds) =>
			write(
				`/api/v1/attempts/${encodeURIComponent(id)}`,
				{
					verdict,
					...(rejectReason ? { rejectReason } : {}),
					...(reviewSeconds === undefined ? {} : { reviewSeconds })
				},
				'PATCH'
			),
		/** @param {string} id */
		getAttempt: (id) => read(`/api/v1/attempts/${encodeURIComponent(id)}`),
		/**
		 * Imports a file's contents (a stream or text), CSV or NDJSON. Not retried: a stream is read once;
		 * a file sent again after a failure only adds what was missing.
		 * @param {ReadableStream<Uint8Array> | string | Uint8Array} body
		 * @param {{ type?: 'csv' | 'ndjson', dryRun?: boolean }} [options]
		 * @returns {Promise<ImportReport>}
		 */
		importFile: (body, { type = 'csv', dryRun = false } = {}) =>
			request(`/api/v1/imports${dryRun ? '?dryRun=true' : ''}`, {
				method: 'POST',
				headers: { 'content-type': type === 'csv' ? 'text/csv' : 'application/x-ndjson' },
				body: /** @type {BodyInit} */ (body),
				retry: false,
				// Node's fetch needs it to stream a request body (not in the DOM's RequestInit).
				...{ duplex: 'half' }
			}),
		/** @param {Query} [query] from, to, project, model, tag, laborUsdPerHour */
		summary: (query) => read('/api/v1/summary', query),
		/** @param {Query} [query] from, to, project, whatIf, segmentsBy, laborUsdPerHour */
		recommendations: (query) => read('/api/v1/recommendations', query),
		/** @param {Query} [query] from, to, project */
		shots: (query) => read('/api/v1/shots', query),
		/** @param {Query} [query] week (2026-W48), project, laborUsdPerHour */
		weekly: (query) => read('/api/v1/weekly', query)
	};
}

/** @param {Query} query */
function queryString(query) {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query)) {
		for (const v of Array.isArray(value) ? value : [value])
			if (v !== undefined && v !== '') params.append(name, v);
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** 0.5 s, 1 s, 2 s ... up to 30 s, with jitter so that many clients do not come back at once. */
const backoff = (/** @type {number} */ attempt) =>
	Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
const wait = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
