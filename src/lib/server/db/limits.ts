// Deadlines on every database call, so that a stalled database answers 503 (retry) instead of hanging a
// request. A server that answers enforces its own limits (statement_timeout, lock_timeout, idle in
// transaction), whose outcome is known; a server that stops answering never does, so the client gives up
// too: postgres.js cancels the query, and closes its connection when the cancel gets no answer either.

export interface DatabaseLimits {
	/** PostgreSQL's statement_timeout, lock_timeout and idle_in_transaction_session_timeout, in ms. */
	statementMs: number;
	lockMs: number;
	idleInTransactionMs: number;
	/** The client's limit on a query, waiting for a connection and running together, in ms; 0: none. */
	queryMs: number;
	/** How long a call may wait for a connection (the embedded database has one), in ms; 0: no limit. */
	waitMs: number;
	/** How long a canceled query may go unanswered before its connection is closed, in ms. */
	cancelMs: number;
}

/**
 * The app's requests. An ingest of 1000 attempts takes about 50 ms and the slowest dashboard read about
 * 300 ms at a million attempts, so 3 s leaves room for a loaded server; a frozen one is given up on after
 * 3.5 s, plus 1 s for the cancel: a request answers 503 within 5 s.
 */
export const REQUEST_LIMITS: DatabaseLimits = {
	statementMs: 3000,
	lockMs: 2000,
	idleInTransactionMs: 10_000,
	queryMs: 3500,
	waitMs: 3500,
	cancelMs: 1000
};

/** Migrations, the compactor, rollup rebuilds and checks: long statements over every attempt. */
export const MAINTENANCE_LIMITS: DatabaseLimits = {
	statementMs: 30 * 60_000,
	lockMs: 60_000,
	idleInTransactionMs: 10 * 60_000,
	queryMs: 31 * 60_000,
	waitMs: 0,
	cancelMs: 5000
};

/** The error of a call that waited longer than `waitMs` for a connection; it never ran. */
export const waitedTooLong = (waitMs: number): Error =>
	Object.assign(new Error(`no database connection free within ${waitMs} ms`), { code: 'QUEUE_TIMEOUT' });

/** Runs calls one at a time, in order; a call that waits longer than its `waitMs` is refused unrun. */
export type Gate = <T>(work: () => Promise<T>, waitMs: number) => Promise<T>;

export function oneAtATime(): Gate {
	let busy = false;
	const waiting: (() => void)[] = [];
	const release = () => {
		const next = waiting.shift();
		if (next) next();
		else busy = false;
	};
	const turn = (waitMs: number) =>
		new Promise<void>((resolve, reject) => {
			const go = () => {
				clearTimeout(timer);
				resolve();
			};
			waiting.push(go);
			const timer =
				waitMs > 0
					? setTimeout(() => {
							const at = waiting.indexOf(go);
							if (at >= 0) waiting.splice(at, 1);
							reject(waitedTooLong(waitMs));
						}, waitMs)
					: undefined;
		});
	return async (work, waitMs) => {
		if (busy) await turn(waitMs);
		else busy = true;
		try {
			return await work();
		} finally {
			release();
		}
	};
}

/**
 * `promise`, or after `ms` (0: never) the error of `onTimeout`, which should also stop the work (cancel
 * the query). The timer is cleared as soon as `promise` settles.
 */
export function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
	if (!ms) return promise;
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(onTimeout()), ms);
	});
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
