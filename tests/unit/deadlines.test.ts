// Issue 12: the request deadline (time a client spends sending its body does not count) and the embedded
// database's queue (a call that waits too long is refused without running).
import { describe, expect, test } from 'vitest';
import { offTheClock, withDeadline } from '../../src/lib/server/deadline';
import { oneAtATime, within } from '../../src/lib/server/db/limits';
import { databaseUnavailable } from '../../src/lib/server/errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failure = (promise: Promise<unknown>) =>
	promise.then(
		() => undefined,
		(e: unknown) => e
	);

describe('withDeadline', () => {
	test('work that runs out of time is an outage (503), answered on time', async () => {
		const started = Date.now();
		const error = await failure(withDeadline(() => sleep(1000), 50));
		expect(Date.now() - started).toBeLessThan(500);
		expect(databaseUnavailable(error)).toBe(true);
	});

	test('work on time answers its own result or error', async () => {
		expect(await withDeadline(async () => 'ok', 100)).toBe('ok');
		const error = await failure(withDeadline(() => Promise.reject(new Error('own')), 100));
		expect((error as Error).message).toBe('own');
	});

	test('time off the clock (a body still arriving) does not count', async () => {
		const result = await withDeadline(async () => {
			await offTheClock(() => sleep(150));
			await sleep(20);
			return 'done';
		}, 100);
		expect(result).toBe('done');
	});
});

describe('oneAtATime', () => {
	test('a call waiting longer than its limit is refused, never runs, and the queue goes on', async () => {
		const gate = oneAtATime();
		const ran: string[] = [];
		const long = gate(async () => {
			await sleep(200);
			ran.push('long');
		}, 0);
		const refused = failure(gate(async () => ran.push('refused'), 50));
		const patient = gate(async () => ran.push('patient'), 0);
		expect(databaseUnavailable(await refused)).toBe(true);
		await Promise.all([long, patient]);
		expect(ran).toEqual(['long', 'patient']);
	});
});

describe('within', () => {
	test('stops waiting after the limit, and calls onTimeout once', async () => {
		let calls = 0;
		const error = await failure(
			within(sleep(500), 30, () => {
				calls++;
				return new Error('late');
			})
		);
		expect((error as Error).message).toBe('late');
		expect(calls).toBe(1);
		expect(await within(Promise.resolve(1), 0, () => new Error('never'))).toBe(1);
	});
});
