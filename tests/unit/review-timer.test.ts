// The review queue's timing rule (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip): active time
// from the take shown to the verdict; idle time past IDLE_SECONDS does not count unless the clip plays, and
// nothing counts while the page is hidden.
import { describe, expect, test } from 'vitest';
import {
	advance,
	formatReviewClock,
	IDLE_SECONDS,
	isCounting,
	reviewSecondsOf,
	startTimer,
	type TimerState
} from '../../src/lib/components/review/timer';

const S = 1000;

/** Events at times (ms) applied in order, then the count brought up to `end`. */
function run(events: [number, Partial<TimerState> | 'input'][], end: number): number {
	let state = startTimer(0);
	for (const [at, change] of events) {
		state = advance(state, at);
		state = change === 'input' ? { ...state, lastInput: at } : { ...state, ...change };
	}
	return reviewSecondsOf(advance(state, end));
}

describe('review timer', () => {
	test.each([
		['a quick verdict counts all of it', [], 4 * S, 4],
		['no input for two minutes counts the idle limit only', [], 120 * S, IDLE_SECONDS],
		[
			'input keeps the clock running',
			[
				[25 * S, 'input'],
				[50 * S, 'input']
			],
			70 * S,
			70
		],
		[
			'input after a long pause: the idle limit, then from the input on',
			[[100 * S, 'input']],
			110 * S,
			IDLE_SECONDS + 10
		],
		['a playing clip counts however long without input', [[0, { playing: true }]], 200 * S, 200],
		[
			'paused after 60 s: the idle limit runs from the pause',
			[
				[0, { playing: true }],
				[60 * S, { playing: false, lastInput: 60 * S }]
			],
			300 * S,
			60 + IDLE_SECONDS
		],
		[
			'a hidden page counts nothing while hidden',
			[
				[10 * S, { visible: false }],
				[500 * S, { visible: true, lastInput: 500 * S }]
			],
			505 * S,
			15
		],
		['tenths of a second', [], 1234, 1.2]
	] as [string, [number, Partial<TimerState> | 'input'][], number, number][])(
		'%s',
		(_, events, end, seconds) => {
			expect(run(events, end)).toBe(seconds);
		}
	);

	test('a clock that goes back counts nothing and never goes negative', () => {
		const state = advance(startTimer(5 * S), 2 * S);
		expect(state.seconds).toBe(0);
		expect(advance(state, 6 * S).seconds).toBe(1);
	});

	test('a day at most, as the API takes', () => {
		expect(reviewSecondsOf({ ...startTimer(0), seconds: 200_000 })).toBe(86_400);
	});
});

describe('what the queue shows of it', () => {
	test.each([
		[0, '0:00'],
		[0.95, '0:00'],
		[42.7, '0:42'],
		[60, '1:00'],
		[725, '12:05'],
		[3599.9, '59:59'],
		[3723, '1:02:03'],
		[86_400, '24:00:00'],
		[-1, '0:00']
	])('%s s reads %s', (seconds, text) => {
		expect(formatReviewClock(seconds)).toBe(text);
	});

	test('the clock shows paused once idle past the limit, and again counting on input or while playing', () => {
		const start = startTimer(0);
		expect(isCounting(start, IDLE_SECONDS * S)).toBe(true);
		expect(isCounting(start, IDLE_SECONDS * S + 1)).toBe(false);
		expect(isCounting({ ...start, lastInput: 40 * S }, 41 * S)).toBe(true);
		expect(isCounting({ ...start, playing: true }, 600 * S)).toBe(true);
	});

	test('a hidden page shows paused, even with the clip playing', () => {
		expect(isCounting({ ...startTimer(0), visible: false, playing: true }, S)).toBe(false);
	});

	test('paused means the count does not move', () => {
		const idle = advance(startTimer(0), 60 * S);
		expect(isCounting(idle, 60 * S)).toBe(false);
		expect(advance(idle, 90 * S).seconds).toBe(idle.seconds);
	});
});
