// The time a request may spend waiting on the database before it answers 503 (Retry-After). The limits
// of db/limits.ts end each call; this ends the request, whatever it waits on: a statement being prepared
// on a server that stopped answering (postgres.js cancels it only once the server answers again), a COPY,
// the embedded database's queue.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Past the server's statement_timeout (3 s), and within the 5 s a client is promised an answer. */
export const REQUEST_DEADLINE_MS = 4000;

interface Clock {
	hold(): void;
	resume(): void;
}

const clocks = new AsyncLocalStorage<Clock>();

/** The error of a request that ran out of time: an outage, for errors.ts (databaseUnavailable). */
export const deadlineMissed = (ms: number): Error =>
	Object.assign(new Error(`the request's database work did not finish within ${ms} ms`), {
		code: 'QUERY_TIMEOUT'
	});

/**
 * `work`, or deadlineMissed once it has run `ms` on the clock. Work that runs out of time is left to
 * finish or fail on its own (each database call has its own limits); its outcome is dropped.
 */
export async function withDeadline<T>(work: () => Promise<T>, ms: number): Promise<T> {
	let left = ms;
	let since = 0;
	let timer: NodeJS.Timeout | undefined;
	let done = false;
	let expire: (error: Error) => void = () => {};
	const expired = new Promise<never>((_, reject) => (expire = reject));
	const clock: Clock = {
		hold() {
			clearTimeout(timer);
			left -= Date.now() - since;
		},
		resume() {
			if (done) return;
			since = Date.now();
			timer = setTimeout(() => expire(deadlineMissed(ms)), Math.max(0, left));
		}
	};
	clock.resume();
	const running = clocks.run(clock, work);
	running.catch(() => {});
	try {
		return await Promise.race([running, expired]);
	} finally {
		done = true;
		clearTimeout(timer);
	}
}

/** Time spent in `wait` (a client still sending its body, say) does not count against the deadline. */
export async function offTheClock<T>(wait: () => Promise<T>): Promise<T> {
	const clock = clocks.getStore();
	if (!clock) return wait();
	clock.hold();
	try {
		return await wait();
	} finally {
		clock.resume();
	}
}
