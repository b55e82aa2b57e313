// What every API handler shares: the bearer key, the body read within its limit, the error mapping.
import { json, type RequestEvent } from '@sveltejs/kit';
import { ApiError, databaseUnavailable, errorResponse, unavailable } from './errors';
import type { Filters } from '$lib/schemas/filters';
import { DEPTH_MESSAGE, jsonNestedDeeperThan, MAX_JSON_DEPTH } from '$lib/schemas/safe-input';
import { config, db } from './app';
import { findKey, type KeyOwner, type Scope } from './api-keys';
import { rateLimiter, type RateLimiter } from './rate-limit';
import { offTheClock, REQUEST_DEADLINE_MS, withDeadline } from './deadline';

export async function authorize(event: RequestEvent, scope: Scope): Promise<KeyOwner> {
	const header = event.request.headers.get('authorization') ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	if (!match) throw new ApiError(401, 'missing API key: send "Authorization: Bearer <api key>"');
	const owner = await findKey(db(), match[1]);
	if (!owner) throw new ApiError(401, 'unknown or revoked API key');
	if (!owner.scopes.includes(scope)) throw new ApiError(403, `this API key lacks the "${scope}" scope`);
	return owner;
}

let limiter: RateLimiter | undefined;

/**
 * Ingestion requests per key per minute (KEEPRATE_RATE_LIMIT), counted in the database, so across every
 * instance of the app: 429 with Retry-After past it.
 */
export async function limitIngest(owner: KeyOwner): Promise<void> {
	limiter ??= rateLimiter(db(), config().rateLimitPerMinute);
	const wait = await limiter.take(owner.keyId);
	if (wait > 0) {
		throw new ApiError(
			429,
			`too many requests for this API key: retry in ${wait} s`,
			[],
			{},
			{ 'retry-after': String(wait) }
		);
	}
}

/** A key restricted to some projects reads only those: the project filter must name one of them. */
export function scopeToKey(owner: KeyOwner, filters: Filters): Filters {
	if (owner.projects.length === 0) return filters;
	if (!filters.project && owner.projects.length === 1) return { ...filters, project: owner.projects[0] };
	if (!filters.project || !owner.projects.includes(filters.project)) {
		throw new ApiError(
			403,
			`this API key may only read the projects ${owner.projects.join(', ')}: pass project=`,
			[{ path: 'project', message: `must be one of ${owner.projects.join(', ')}` }]
		);
	}
	return filters;
}

/**
 * The JSON body, read as a stream so that an oversized one is refused before it sits in memory. An
 * oversized body is still read to its end (and dropped) before the 413 is sent: a client still sending
 * would otherwise find the connection reset and never read the answer. The server's BODY_SIZE_LIMIT
 * (scripts/start.js) bounds what is read that way.
 */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	const chunks: Uint8Array[] = [];
	let size = 0;
	const body = request.body as unknown as AsyncIterable<Uint8Array> | null;
	// A client still sending is not a slow database: off the request's deadline (deadline.ts).
	await offTheClock(async () => {
		if (!body) return;
		try {
			for await (const chunk of body) {
				size += chunk.byteLength;
				if (size <= maxBytes && declared <= maxBytes) chunks.push(chunk);
			}
		} catch (error) {
			// The server's own limit, reached while draining: the connection closes after the answer.
			if ((error as { status?: number }).status === 413) throw tooLarge(maxBytes);
			throw error;
		}
	});
	if (size > maxBytes || declared > maxBytes) throw tooLarge(maxBytes);
	const text = Buffer.concat(chunks).toString('utf8');
	// Before parsing: whatever walks the parsed value afterwards must not meet 10,000 levels.
	if (jsonNestedDeeperThan(text)) {
		throw new ApiError(400, `the body nests deeper than ${MAX_JSON_DEPTH} levels`, [
			{ path: '', message: DEPTH_MESSAGE }
		]);
	}
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new ApiError(400, 'the body is not valid JSON', [{ path: '', message: (error as Error).message }]);
	}
}

const tooLarge = (max: number) =>
	new ApiError(
		413,
		`the body is larger than ${max / 1024 / 1024} MB: send fewer attempts per request`,
		[],
		{},
		{ connection: 'close' }
	);

/**
 * Run a handler body within the request's deadline (deadline.ts); ApiErrors become the API's error shape,
 * and so do losing the database and running out of time (503 with Retry-After, to be retried); anything
 * else goes to handleError.
 */
export async function respond(work: () => Promise<unknown>, status = 200): Promise<Response> {
	try {
		const result = await withDeadline(work, REQUEST_DEADLINE_MS);
		return result instanceof Response ? result : json(result, { status });
	} catch (error) {
		if (error instanceof ApiError) return errorResponse(error);
		if (databaseUnavailable(error)) {
			console.error('[keeprate] database unavailable:', error);
			return errorResponse(
				unavailable(
					'the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)'
				)
			);
		}
		throw error;
	}
}

/**
 * The answer to an /api path that cannot be percent-decoded (`%ff`): SvelteKit would answer its HTML
 * error page before any route runs. Undefined when the path decodes.
 */
export function malformedApiPath(pathname: string): Response | undefined {
	// The decoded path is kept and tested: a bare `decodeURI(pathname)` statement is dropped by the bundler.
	let decoded: string | null = null;
	try {
		decoded = decodeURI(pathname);
	} catch {
		// refused below
	}
	if (decoded === null) {
		return errorResponse(
			new ApiError(400, 'the URL path is not valid percent-encoded UTF-8', [
				{ path: 'path', message: `cannot be decoded: ${pathname}` }
			])
		);
	}
	return undefined;
}

/** An HTML error page on an /api path (an unknown route, an error outside respond) in the API's shape. */
export function apiErrorAsJson(response: Response): Response {
	if (response.ok || response.status === 304) return response;
	if (response.headers.get('content-type')?.startsWith('application/json')) return response;
	const allow = response.headers.get('allow');
	const message =
		response.status === 404
			? 'no such API route'
			: response.status === 405 && allow
				? `this route does not take that method; it takes ${allow}`
				: response.status >= 500
					? 'something went wrong on our side; the server log has details'
					: `the request was refused (HTTP ${response.status})`;
	return errorResponse(new ApiError(response.status, message, [], {}, allow ? { allow } : {}));
}
