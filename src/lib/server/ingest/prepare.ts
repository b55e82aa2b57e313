// Validate -> price: turns a client's attempts into rows, or lists every problem by index and path.
import { hash } from 'node:crypto';
import { attemptSchema, MAX_BATCH, type AttemptInput } from '$lib/schemas/attempt';
import { findUnstorable } from '$lib/schemas/safe-input';
import { usdToMicros } from '$lib/metrics/money';
import { inferTags } from '$lib/tags/rules';
import { ApiError, formatPath, zodIssues, type Issue } from '../errors';
import { canonicalModel, priceAttempt, type PriceBook } from '../catalog/price-book';
import type { NewAttempt } from '../db/schema';

/** A body is one attempt, or {"attempts": [...]} with 1 to MAX_BATCH of them. */
export function splitBody(body: unknown): unknown[] {
	if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'attempts' in body) {
		const keys = Object.keys(body);
		if (keys.length !== 1) {
			const extra = keys.filter((k) => k !== 'attempts');
			throw new ApiError(400, 'invalid batch', [
				{ path: extra[0], message: 'unknown field in a batch body' }
			]);
		}
		const list = (body as { attempts: unknown }).attempts;
		if (!Array.isArray(list)) {
			throw new ApiError(400, 'invalid batch', [
				{ path: 'attempts', message: 'must be an array of attempts' }
			]);
		}
		if (list.length === 0 || list.length > MAX_BATCH) {
			throw new ApiError(400, 'invalid batch', [
				{ path: 'attempts', message: `must hold 1 to ${MAX_BATCH} attempts, not ${list.length}` }
			]);
		}
		return list;
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new ApiError(400, 'invalid body', [
			{ path: '', message: 'must be a JSON object: one attempt, or {"attempts": [...]}' }
		]);
	}
	return [body];
}

// The fields that make an attempt's content (all but the verdict: verdict, rejectReason, reviewSeconds),
// in code-unit order.
const CONTENT_KEYS = [
	'costUsd',
	'createdAt',
	'creator',
	'durationSeconds',
	'generationSeconds',
	'id',
	'metadata',
	'model',
	'project',
	'prompt',
	'resolution',
	'shotId',
	'status',
	'tags',
	'videoUrl'
] as const satisfies readonly Exclude<keyof AttemptInput, 'verdict' | 'rejectReason' | 'reviewSeconds'>[];

/**
 * The attempt as sent, without its verdict: equal hashes mean a resend that may only change the verdict.
 * Canonical JSON (keys sorted at every level, the same instant written one way), built field by field:
 * it runs for every attempt ingested.
 */
export function contentHash(input: AttemptInput, createdAt?: Date): string {
	let json = '';
	for (const key of CONTENT_KEYS) {
		const value = input[key];
		if (value === undefined) continue;
		const text =
			key === 'createdAt'
				? `"${(createdAt ?? new Date(value as string)).toISOString()}"`
				: key === 'metadata'
					? canonicalJson(value)
					: JSON.stringify(value);
		json += `${json ? ',' : '{'}"${key}":${text}`;
	}
	return hash('sha256', `${json || '{'}}`, 'hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		let json = '';
		for (const key of Object.keys(object).sort()) {
			if (object[key] === undefined) continue;
			json += `${json ? ',' : '{'}${JSON.stringify(key)}:${canonicalJson(object[key])}`;
		}
		return `${json || '{'}}`;
	}
	return JSON.stringify(value);
}

export interface PreparedAttempt {
	row: NewAttempt & { createdAt: Date };
	/** Absent: the client said nothing about the verdict (a plain resend never resets one). */
	verdictSent: boolean;
}

/** The verdict of a stored attempt, as a resend is compared with it. */
export interface StoredVerdict {
	verdict: string;
	rejectReason: string | null;
	reviewSeconds: number | null;
}

/**
 * Whether a resend that carries a verdict changes the stored one. The verdict and reject reason are sent
 * whole; a review time not sent leaves the stored one as it is (a tool that never measured it cannot erase
 * what the review queue measured).
 */
export function verdictDiffers(stored: StoredVerdict, incoming: PreparedAttempt): boolean {
	const { verdict, rejectReason, reviewSeconds } = incoming.row;
	return (
		stored.verdict !== verdict ||
		(stored.rejectReason ?? null) !== (rejectReason ?? null) ||
		(reviewSeconds != null && reviewSeconds !== stored.reviewSeconds)
	);
}

/** What preparing some of a body's items found: the rows of those that pass, every problem by index. */
export interface Preparation {
	rows: PreparedAttempt[];
	/** Against the contract (400). */
	invalid: Issue[];
	/** Valid, but the price book cannot price them (422). */
	unpriceable: Issue[];
}

/** Validate and price items[from, to); problems are listed, not thrown (see refusalOf). */
export function prepareRange(
	workspaceId: string,
	items: unknown[],
	book: PriceBook,
	now: Date,
	from = 0,
	to = items.length
): Preparation {
	const found: Preparation = { rows: [], invalid: [], unpriceable: [] };
	for (let index = from; index < to; index++) {
		const item = items[index];
		// What PostgreSQL cannot hold as sent (U+0000, a lone surrogate) or a walk cannot nest into is
		// refused here, by path, before zod or the database meet it.
		const unstorable = findUnstorable(item);
		if (unstorable !== null) {
			found.invalid.push({ index, path: formatPath(unstorable.path), message: unstorable.message });
			continue;
		}
		const result = attemptSchema.safeParse(item);
		if (!result.success) {
			found.invalid.push(...zodIssues(result.error, index));
			continue;
		}
		const input = result.data;
		const model = canonicalModel(book, input.model);
		const createdAt = input.createdAt ? new Date(input.createdAt) : now;
		const status = input.status ?? 'succeeded';
		const priced = priceAttempt(book, {
			model,
			durationSeconds: input.durationSeconds,
			resolution: input.resolution,
			costMicros: input.costUsd === undefined ? undefined : usdToMicros(input.costUsd),
			status,
			createdAtMs: createdAt.getTime()
		});
		if (!priced.ok) {
			const path = input.costUsd === undefined ? 'costUsd' : 'model';
			found.unpriceable.push({ index, path, message: priced.message });
			continue;
		}
		const verdict = input.verdict ?? 'pending';
		// Client tags win, even an empty list; without them the rules tag the prompt at once (a model may
		// refine them later, in the background). The content hash stays on the input as sent.
		const inferred = input.tags === undefined && input.prompt ? inferTags(input.prompt) : undefined;
		found.rows.push({
			verdictSent: input.verdict !== undefined,
			row: {
				workspaceId,
				id: input.id,
				project: input.project,
				model,
				durationSeconds: input.durationSeconds,
				resolution: input.resolution ?? null,
				costMicros: priced.costMicros,
				costSource: priced.costSource,
				status,
				verdict,
				rejectReason: input.rejectReason ?? null,
				// Null: not sent, so a resend leaves the stored review time as it is.
				reviewSeconds: input.reviewSeconds ?? null,
				verdictAt: verdict === 'pending' ? null : now,
				verdictBy: null,
				createdAt,
				receivedAt: now,
				shotId: input.shotId ?? null,
				// A tag sent twice is one tag: an attempt counts once in each of its tags (the hash keeps the list
				// as sent, so resends of it stay duplicates).
				tags: input.tags ? [...new Set(input.tags)] : (inferred ?? []),
				tagsSource: input.tags !== undefined ? 'client' : inferred ? 'inferred' : null,
				tagsInferredBy: inferred ? 'rules' : null,
				prompt: input.prompt ?? null,
				generationSeconds: input.generationSeconds ?? null,
				creator: input.creator ?? null,
				videoUrl: input.videoUrl ?? null,
				metadata: input.metadata ?? null,
				contentHash: contentHash(input, input.createdAt ? createdAt : undefined)
			}
		});
	}
	return found;
}

/** The answer to a body with problems: invalid input (400) first, else what cannot be priced (422). */
export function refusalOf(found: Pick<Preparation, 'invalid' | 'unpriceable'>): ApiError | undefined {
	if (found.invalid.length > 0)
		return new ApiError(400, 'invalid attempts: nothing was stored', found.invalid);
	if (found.unpriceable.length > 0)
		return new ApiError(422, 'attempts that cannot be priced: nothing was stored', found.unpriceable);
	return undefined;
}

/** Validate every item (400), then price every valid one (422); nothing is returned unless all pass. */
export function prepareAttempts(
	workspaceId: string,
	items: unknown[],
	book: PriceBook,
	now: Date
): PreparedAttempt[] {
	const found = prepareRange(workspaceId, items, book, now);
	const refusal = refusalOf(found);
	if (refusal) throw refusal;
	return found.rows;
}
