// The statistics of a recommendations read on a second thread. A first read spends most of its time in
// Node on statistics: each listed segment's integrals and intervals, and each what-if's seeded draws, pure
// arithmetic on a few numbers. Half of them are sent to a worker thread, which runs them on the machine's
// other core while the request's thread computes the other half. The thread runs the very functions of
// confidence.ts (numerics) and beta-draws.ts, from their source text, so its numbers are the same, bit for
// bit; its figures are remembered where the advice looks them up. If it cannot run, everything is computed
// on the request's thread, as before.
import { Worker } from 'node:worker_threads';
import {
	DRAWN_QUANTILES_SOURCE,
	drawnQuantiles,
	quantilesKey,
	type BetaSumTerms
} from '$lib/metrics/beta-draws';
import { figuresOf, numerics, remember, type Figures, type Probe } from '$lib/metrics/confidence';
import { memo } from '$lib/metrics/memo';

// The functions as the thread's script. `__name` is the helper a TypeScript loader may wrap inner
// functions in (to keep their names); here it only hands the function back.
const SCRIPT = `'use strict';
const { parentPort } = require('node:worker_threads');
var __name = (f) => f;
${DRAWN_QUANTILES_SOURCE}
const core = (${String(numerics)})();
parentPort.on('message', ({ id, kind, args }) => {
	const result =
		kind === 'quantiles' ? ${drawnQuantiles.name}(args.terms, args.draws, args.seed, args.qs) : core.figuresOf(args);
	parentPort.postMessage({ id, result });
});
`;

/** A thread left idle this long ends (its memory given back); the next read starts another. */
const IDLE_MS = 120_000;

type Job =
	| { kind: 'quantiles'; args: { terms: BetaSumTerms; draws: number; seed: number; qs: number[] } }
	| { kind: 'figures'; args: Probe[] };

interface Request {
	job: Job;
	resolve(result: unknown): void;
}

interface Thread {
	worker: Worker;
	pending: Map<number, Request>;
	idle: ReturnType<typeof setTimeout> | null;
}

let thread: Thread | null = null;
let nextId = 1;
/** Set when a thread failed: from then on everything is computed on the calling thread. */
let unavailable = false;

/** The job, computed on this thread. */
function here(job: Job): unknown {
	if (job.kind === 'quantiles') {
		const { terms, draws, seed, qs } = job.args;
		return drawnQuantiles(terms, draws, seed, qs);
	}
	return figuresOf(job.args);
}

/** The job's result from the thread; computed here if there is none, or if it ends first. Never rejects. */
function run(job: Job): Promise<unknown> {
	const running = unavailable ? null : started();
	if (!running) return Promise.resolve(here(job));
	return new Promise((resolve) => {
		const id = nextId++;
		running.pending.set(id, { job, resolve });
		if (running.idle) clearTimeout(running.idle);
		running.idle = null;
		// Held open while it owes answers (a script awaiting one must not exit), not when idle.
		running.worker.ref();
		running.worker.postMessage({ id, kind: job.kind, args: job.args });
	});
}

// The same inputs give the same quantiles: a page read again finds them (as betaSumQuantiles does).
const remembered = memo<Promise<number[]>>(64);

/** The q-quantiles of the draws of `terms`, as betaSumQuantiles gives them, drawn on the thread. */
export function betaSumQuantilesOffThread(
	terms: BetaSumTerms,
	draws: number,
	seed: number,
	qs: number[]
): Promise<number[]> {
	return remembered.get(
		quantilesKey(terms, draws, seed, qs),
		() => run({ kind: 'quantiles', args: { terms, draws, seed, qs } }) as Promise<number[]>
	);
}

/** The figures of `probes` (figuresOf), computed on the thread. */
export function figuresOnThread(probes: Probe[]): Promise<Figures> {
	return run({ kind: 'figures', args: probes }) as Promise<Figures>;
}

/**
 * The figures of `probes` computed on the thread and remembered on this one (confidence.ts's memos): the
 * advice of their segments then finds them instead of computing them.
 */
export async function figuresOffThread(probes: Probe[]): Promise<void> {
	if (probes.length > 0) remember(await figuresOnThread(probes));
}

/** Start the thread ahead of its work (a read calls this before its queries: it starts meanwhile). */
export function warmStatsThread(): void {
	if (!unavailable) started();
}

/** The running thread, started if there is none; null if it cannot start. */
function started(): Thread | null {
	if (thread) return thread;
	let worker: Worker;
	try {
		worker = new Worker(SCRIPT, { eval: true, name: 'keeprate-stats' });
	} catch (error) {
		console.error(`keeprate: no statistics thread (${(error as Error).message}); computing on the request's`);
		unavailable = true;
		return null;
	}
	const t: Thread = { worker, pending: new Map(), idle: null };
	worker.on('message', ({ id, result }: { id: number; result: unknown }) => {
		const request = t.pending.get(id);
		t.pending.delete(id);
		request?.resolve(result);
		if (t.pending.size === 0) rest(t);
	});
	// Whatever an ended thread still owed is computed here.
	const ended = () => {
		if (thread === t) thread = null;
		if (t.idle) clearTimeout(t.idle);
		for (const r of t.pending.values()) r.resolve(here(r.job));
		t.pending.clear();
	};
	worker.on('error', (error) => {
		console.error(`keeprate: the statistics thread failed (${error.message}); computing on the request's`);
		unavailable = true;
		ended();
	});
	worker.on('exit', ended);
	thread = t;
	rest(t);
	return t;
}

/** Let the process exit past an idle thread, and end it after IDLE_MS. */
function rest(t: Thread): void {
	t.worker.unref();
	if (t.idle) clearTimeout(t.idle);
	t.idle = setTimeout(() => {
		if (thread === t) thread = null;
		void t.worker.terminate();
	}, IDLE_MS);
	t.idle.unref();
}

/** End the thread now (tests; a server need not: an idle thread never keeps the process alive). */
export async function stopStatsThread(): Promise<void> {
	const t = thread;
	thread = null;
	if (!t) return;
	if (t.idle) clearTimeout(t.idle);
	await t.worker.terminate();
}

/** Whether a thread is running (it starts at a read and ends after IDLE_MS idle). */
export const statsThreadRunning = (): boolean => thread !== null;
