// The opt-in model fallback for reject reasons (docs/figures.md#why-clips-fail). Attempts the rules left as
// `other` wait with reject_category_by = 'queued' (partial index attempts_reason_queue_idx). Only with
// KEEPRATE_TAG_LLM=openai and OPENAI_API_KEY (the tagging opt-in, tags/worker.ts) does this worker send
// their reasons to the model, oldest first, one request per batch: an answer places the attempt ('llm');
// no usable answer leaves it `other` for good ('rules-final'). Otherwise it does nothing and no reason
// leaves the server.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { holdLease, releaseLease } from '../leases';
import { TaggerError, type TaggerErrorCode } from '../tags/llm';
import type { TagConfig } from '../tags/worker';
import { createReasonClassifier, type ReasonClassifier } from './llm';

export interface ReasonBatchResult {
	placed: number;
	fellBack: number;
	error?: TaggerErrorCode;
}

/**
 * Places the oldest queued reasons with one model request, in one update. Throws only when the batch
 * should stay queued: key or model refused, rate limited, aborted, database error.
 */
export async function runReasonBatch(
	db: Db,
	classifier: ReasonClassifier,
	limit: number,
	{ workspaceId, signal }: { workspaceId?: string; signal?: AbortSignal } = {}
): Promise<ReasonBatchResult> {
	const inQueue = eq(attempts.rejectCategoryBy, 'queued');
	const queued = await db
		.select({ w: attempts.workspaceId, id: attempts.id, reason: attempts.rejectReason })
		.from(attempts)
		.where(workspaceId ? and(inQueue, eq(attempts.workspaceId, workspaceId)) : inQueue)
		.orderBy(asc(attempts.receivedAt), asc(attempts.workspaceId), asc(attempts.id))
		.limit(limit);
	if (queued.length === 0) return { placed: 0, fellBack: 0 };
	// Batch-local ids: attempt ids are unique only within a workspace, and clients' ids need not leave.
	const reasons = queued.map((q, i) => ({ id: String(i), reason: q.reason ?? '' }));
	let answers = new Map<string, string>();
	let error: TaggerErrorCode | undefined;
	try {
		answers = await classifier.classify(reasons, signal);
	} catch (e) {
		const code = e instanceof TaggerError ? e.code : 'malformed';
		if (code === 'config' || code === 'rate-limited' || code === 'aborted') throw e;
		error = code;
	}
	const rows = queued.map((q, i) => ({ ...q, category: answers.get(String(i)) ?? null }));
	// One statement; a row whose reason changed meanwhile, or that left the queue, is left alone.
	await db.execute(sql`
		update ${attempts} as a
		set reject_category = coalesce(v.category, 'other'),
			reject_category_by = case when v.category is null then 'rules-final' else 'llm' end
		from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(w text, id text, reason text, category text)
		where a.workspace_id = v.w and a.id = v.id and a.reject_reason = v.reason
			and a.reject_category_by = 'queued'`);
	const placed = rows.filter((r) => r.category).length;
	return { placed, fellBack: rows.length - placed, error };
}

const MAX_BACKOFF_MS = 10 * 60_000;
const leaseMs = (config: TagConfig) => Math.max(60_000, 2 * config.timeoutMs + 10_000);

const defaultClassifier = ({ llm, apiKey, baseURL, model, timeoutMs }: TagConfig) =>
	llm === 'openai' && apiKey ? createReasonClassifier({ apiKey, baseURL, model, timeoutMs }) : undefined;

/** Polls the queue; does nothing (and costs nothing) unless model tagging is on. `classifier`: tests. */
export function startReasonWorker(
	db: Db,
	config: TagConfig,
	log: (message: string) => void,
	classifier: ReasonClassifier | undefined = defaultClassifier(config)
) {
	if (!classifier) return { stop: async () => {} };
	const abort = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let failures = 0;
	let stopped = false;

	async function batch(): Promise<number> {
		try {
			if (!(await holdLease(db, 'reason-classifier', leaseMs(config)))) return config.intervalMs;
			const result = await runReasonBatch(db, classifier!, config.batchSize, { signal: abort.signal });
			failures = result.error ? failures + 1 : 0;
			if (result.placed + result.fellBack > 0) {
				const why = result.error ? ` (model failed: ${result.error})` : '';
				log(`reject reasons: ${result.placed} placed by the model, ${result.fellBack} left as other${why}`);
			}
			if (!result.error && result.placed + result.fellBack === config.batchSize) return 0; // more queued
		} catch (error) {
			if (stopped) return 0;
			failures++;
			log(`reject reasons: batch left queued: ${(error as Error).message}`);
		}
		return failures > 0 ? Math.min(config.intervalMs * 2 ** failures, MAX_BACKOFF_MS) : config.intervalMs;
	}

	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			running = batch().then((next) => {
				running = undefined;
				schedule(next);
			});
		}, ms);
		timer.unref();
	};
	schedule(config.intervalMs);
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			abort.abort();
			await running;
			await releaseLease(db, 'reason-classifier').catch(() => {});
		}
	};
}
