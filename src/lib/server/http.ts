// What every API handler shares: the bearer key, the body read within its limit, the error mapping.
import { json, type RequestEvent } from '@sveltejs/kit';
import { ApiError, databaseUnavailable, errorResponse } from './errors';
import type { Filters } from '$lib/schemas/filters';
import { config, db } from './app';
import { findKey, type KeyOwner, type Scope } from './api-keys';
import { rateLimiter, type RateLimiter } from './rate-limit';

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

/** Ingestion requests per key per minute (KEEPRATE_RATE_LIMIT): 429 with Retry-After past it. */
export function limitIngest(owner: KeyOwner): void {
	limiter ??= rateLimiter(config().rateLimitPerMinute);
	const wait = limiter.take(owner.keyId);
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

/** The JSON body, read as a stream so that an oversized one is refused before it sits in memory. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > maxBytes) throw tooLarge(maxBytes);
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
			size += chunk.byteLength;
			if (size > maxBytes) throw tooLarge(maxBytes);
			chunks.push(chunk);
		}
	}
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new ApiError(400, 'the body is not valid JSON', [{ path: '', message: (error as Error).message }]);
	}
}

const tooLarge = (max: number) =>
	new ApiError(413, `the body is larger than ${max / 1024 / 1024} MB: send fewer attempts per request`);

/**
 * Run a handler body; ApiErrors become the API's error shape, and so does losing the database (503, to
 * be retried); anything else goes to handleError.
 */
export async function respond(work: () => Promise<unknown>, status = 200): Promise<Response> {
	try {
		const result = await work();
		return result instanceof Response ? result : json(result, { status });
	} catch (error) {
		if (error instanceof ApiError) return errorResponse(error);
		if (databaseUnavailable(error)) {
			console.error('[keeprate] database unavailable:', error);
			return errorResponse(
				new ApiError(
					503,
					'the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)',
					[],
					{},
					{ 'retry-after': '5' }
				)
			);
		}
		throw error;
	}
}
