// Background re-tagging: ingestion stores rule tags at once; when the operator turns model tagging on
// (KEEPRATE_TAG_LLM=openai with OPENAI_API_KEY), this worker later asks a model to tag those attempts in
// batches, sending their prompts to the model's API. A key alone sends nothing. attempts.tags_inferred_by says where inferred tags stand:
//   null           tags from the client (tags_source 'client'), or no prompt to infer from
//   'rules'        rule tags, queued for the model (partial index attempts_tag_queue_idx)
//   'llm'          the model's tags replaced the rule tags
//   'rules-final'  the model gave no usable answer for it (HTTP error, timeout, bad JSON, unknown id,
//                  tag outside the vocabulary): the rule tags stand and it is never asked again.
// Without a key the queue simply waits; `update attempts set tags_inferred_by = 'rules' where
// tags_inferred_by = 'rules-final'` queues the fallen-back attempts again once the model works.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { holdLease, releaseLease } from '../leases';
import { attempts } from '../db/schema';
import { createTagger, TaggerError, type Tagger, type TaggerErrorCode } from './llm';

export interface TagConfig {
	/** 'openai': prompts go to the model (needs apiKey). 'off' (the default): rule tags only. */
	llm: 'openai' | 'off';
	apiKey?: string;
	baseURL?: string;
	model: string;
	batchSize: number;
	timeoutMs: number;
	/** Pause between polls of an empty queue. */
	intervalMs: number;
}

const int = (value: string | undefined, fallback: number, max: number) => {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
};

export function readTagConfig(env: Record<string, string | undefined> = process.env): TagConfig {
	return {
		llm: (env.KEEPRATE_TAG_LLM ?? '').trim().toLowerCase() === 'openai' ? 'openai' : 'off',
		apiKey: env.OPENAI_API_KEY || undefined,
		baseURL: env.OPENAI_BASE_URL || undefined,
		model: env.KEEPRATE_TAG_MODEL || 'gpt-5-mini',
		batchSize: int(env.KEEPRATE_TAG_BATCH, 50, 500),
		timeoutMs: int(env.KEEPRATE_TAG_TIMEOUT_MS, 60_000, 600_000),
		intervalMs: 5000
	};
}

export interface BatchResult {
	tagged: number;
	fellBack: number;
	/** Set when the whole answer was unusable and the batch fell back to the rules. */
	error?: TaggerErrorCode;
}

export interface BatchOptions {
	/** Only this workspace's queue (tests, or re-tagging one team); default: all workspaces. */
	workspaceId?: string;
	signal?: AbortSignal;
}

/**
 * Tags the oldest queued attempts with one model request, in one update.
 * Throws only when the batch should stay queued: key or model refused, rate limited, aborted, database error.
 */
export async function runTagBatch(
	db: Db,
	tagger: Tagger,
	limit: number,
	{ workspaceId, signal }: BatchOptions = {}
): Promise<BatchResult> {
	const inQueue = eq(attempts.tagsInferredBy, 'rules');
	const queued = await db
		.select({ workspaceId: attempts.workspaceId, id: attempts.id, prompt: attempts.prompt })
		.from(attempts)
		.where(workspaceId ? and(inQueue, eq(attempts.workspaceId, workspaceId)) : inQueue)
		.orderBy(asc(attempts.receivedAt), asc(attempts.workspaceId), asc(attempts.id))
		.limit(limit);
	if (queued.length === 0) return { tagged: 0, fellBack: 0 };
	// Batch-local ids: attempt ids are unique only within a workspace, and clients' ids need not leave.
	const prompts = queued.flatMap((q, i) => (q.prompt ? [{ id: String(i), prompt: q.prompt }] : []));
	let answers = new Map<string, string[]>();
	let error: TaggerErrorCode | undefined;
	try {
		answers = await tagger.tag(prompts, signal);
	} catch (e) {
		const code = e instanceof TaggerError ? e.code : 'malformed';
		if (code === 'config' || code === 'rate-limited' || code === 'aborted') throw e;
		error = code;
	}
	const rows = queued.map((q, i) => ({ w: q.workspaceId, id: q.id, tags: answers.get(String(i)) ?? null }));
	// One statement for the batch; a row that left the queue meanwhile (another worker) is left alone.
	await db.execute(sql`
		update ${attempts} as a
		set tags = coalesce(v.tags, a.tags),
			tags_inferred_by = case when v.tags is null then 'rules-final' else 'llm' end
		from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(w text, id text, tags text[])
		where a.workspace_id = v.w and a.id = v.id
			and a.tags_source = 'inferred' and a.tags_inferred_by = 'rules'`);
	const tagged = rows.filter((r) => r.tags).length;
	return { tagged, fellBack: rows.length - tagged, error };
}

export interface TagWorker {
	/** After an ingest: run a batch soon (a short delay lets a burst fill one batch). */
	nudge(): void;
	/** Aborts the model request in flight (its attempts stay queued), waits for the batch, clears timers. */
	stop(): Promise<void>;
}

const NUDGE_DELAY_MS = 1000;

/** Longer than a batch can take (its model request times out), so that a lease never lapses mid-batch. */
const taggerLeaseMs = (config: TagConfig) => Math.max(60_000, 2 * config.timeoutMs + 10_000);
const MAX_BACKOFF_MS = 10 * 60_000;

const rootMessage = (error: unknown): string => {
	let e = error as { message?: string; cause?: unknown } | undefined;
	while (e?.cause) e = e.cause as typeof e;
	return e?.message ?? String(error);
};

const defaultTagger = ({ llm, apiKey, baseURL, model, timeoutMs }: TagConfig) =>
	llm === 'openai' && apiKey ? createTagger({ apiKey, baseURL, model, timeoutMs }) : undefined;

/** Whether prompts leave the server, in one sentence for the operator's log and the Settings page. */
export function describeTagging(config: TagConfig): { sendsPrompts: boolean; message: string } {
	if (config.llm === 'openai' && config.apiKey)
		return {
			sendsPrompts: true,
			message: `model tagging on: prompts of new attempts are sent to ${config.baseURL ?? 'the OpenAI API'} (${config.model})`
		};
	if (config.llm === 'openai')
		return {
			sendsPrompts: false,
			message: 'KEEPRATE_TAG_LLM=openai but OPENAI_API_KEY is not set: tags come from the rules only'
		};
	return {
		sendsPrompts: false,
		message: config.apiKey
			? 'OPENAI_API_KEY is set but model tagging is off (KEEPRATE_TAG_LLM=openai turns it on): prompts stay on this server'
			: 'model tagging off: tags come from the rules and prompts stay on this server'
	};
}

/** Does nothing (and costs nothing) unless model tagging is turned on; `tagger` is for tests. */
export function startTagWorker(
	db: Db,
	config: TagConfig,
	log: (message: string) => void,
	tagger: Tagger | undefined = defaultTagger(config)
): TagWorker {
	if (!tagger) return { nudge() {}, stop: async () => {} };
	const tagWith = tagger;
	const abort = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	let dueAt = Infinity;
	let inFlight: Promise<void> | undefined;
	let nudged = false;
	let failures = 0;
	let stopped = false;

	// Keeps the earliest wake-up; unref'd so a stopping process never waits on it.
	const schedule = (ms: number) => {
		if (stopped || inFlight || Date.now() + ms >= dueAt) return;
		clearTimeout(timer);
		dueAt = Date.now() + ms;
		timer = setTimeout(run, ms);
		timer.unref();
	};

	const run = () => {
		timer = undefined;
		dueAt = Infinity;
		nudged = false;
		inFlight = batch().then((next) => {
			inFlight = undefined;
			schedule(nudged && failures === 0 ? Math.min(next, NUDGE_DELAY_MS) : next);
		});
	};

	/** One batch; answers the delay before the next one. Never rejects. */
	async function batch(): Promise<number> {
		try {
			// Several instances on one database: one tags, the others wait for its lease to lapse.
			if (!(await holdLease(db, 'tagger', taggerLeaseMs(config)))) return config.intervalMs;
			const result = await runTagBatch(db, tagWith, config.batchSize, { signal: abort.signal });
			failures = result.error ? failures + 1 : 0;
			if (result.tagged + result.fellBack > 0) {
				const why = result.error ? ` (model failed: ${result.error})` : '';
				log(`tags: ${result.tagged} attempts tagged by the model, ${result.fellBack} kept rule tags${why}`);
			}
			if (!result.error && result.tagged + result.fellBack === config.batchSize) return 0; // more queued
		} catch (error) {
			if (stopped) return 0;
			failures++;
			log(`tags: batch left queued: ${error instanceof TaggerError ? error.message : rootMessage(error)}`);
		}
		return failures > 0 ? Math.min(config.intervalMs * 2 ** failures, MAX_BACKOFF_MS) : config.intervalMs;
	}

	schedule(NUDGE_DELAY_MS);
	return {
		nudge() {
			if (inFlight) nudged = true;
			else if (failures === 0) schedule(NUDGE_DELAY_MS);
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			abort.abort();
			await inFlight;
			await releaseLease(db, 'tagger').catch(() => {});
		}
	};
}
