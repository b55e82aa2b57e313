// How long a reviewer spends on a take (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip): from
// the take shown to the verdict, counting only active time, so that a reviewer who walks away does not
// bill an hour to the take on screen. Active: within IDLE_SECONDS of the last input, or while the clip
// plays, and only while the page is visible.
import { MAX_REVIEW_SECONDS } from '$lib/schemas/attempt';

export const IDLE_SECONDS = 30;

export interface TimerState {
	/** Active seconds counted so far. */
	seconds: number;
	/** When the count was last brought up to date (ms, a monotonic clock). */
	at: number;
	lastInput: number;
	playing: boolean;
	visible: boolean;
}

export const startTimer = (now: number, visible = true): TimerState => ({
	seconds: 0,
	at: now,
	lastInput: now,
	playing: false,
	visible
});

/** The count brought up to `now`: the active part of [at, now]. Pure. */
export function advance(state: TimerState, now: number): TimerState {
	let active = 0;
	if (state.visible && now > state.at) {
		const until = state.playing ? now : Math.min(now, state.lastInput + IDLE_SECONDS * 1000);
		active = Math.max(0, until - state.at);
	}
	return { ...state, seconds: state.seconds + active / 1000, at: Math.max(now, state.at) };
}

/** Whether the clock runs at `now`: the page visible, and the clip playing or an input recent enough. Pure. */
export const isCounting = (state: TimerState, now: number): boolean =>
	state.visible && (state.playing || now - state.lastInput <= IDLE_SECONDS * 1000);

/** A review time as the queue shows it, whole seconds: '0:42', '12:05', '1:02:03'. Pure. */
export function formatReviewClock(seconds: number): string {
	const whole = Math.max(0, Math.floor(seconds));
	const [h, m, s] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
	const two = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** What the verdict sends: tenths of a second, within what the API takes. */
export const reviewSecondsOf = (state: TimerState): number =>
	Math.min(MAX_REVIEW_SECONDS, Math.round(state.seconds * 10) / 10);

const INPUTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * A timer fed by the page's own events: input anywhere, the clip's play and pause (media events do not
 * bubble: caught on the way down), the page hidden or shown. `restart` when a new take is shown.
 */
export function reviewTimer(clock: () => number = () => performance.now()) {
	let state = startTimer(clock(), document.visibilityState === 'visible');
	const update = (change: Partial<TimerState>) => {
		state = { ...advance(state, clock()), ...change };
	};
	const onInput = () => update({ lastInput: clock() });
	const onPlay = () => update({ playing: true, lastInput: clock() });
	const onPause = () => update({ playing: false, lastInput: clock() });
	const onVisibility = () => update({ visible: document.visibilityState === 'visible' });
	for (const name of INPUTS) window.addEventListener(name, onInput, { capture: true, passive: true });
	document.addEventListener('play', onPlay, true);
	document.addEventListener('pause', onPause, true);
	document.addEventListener('ended', onPause, true);
	document.addEventListener('visibilitychange', onVisibility);
	return {
		restart() {
			// A clip that autoplays fires 'play' once shown; until then the take starts idle-capped.
			state = startTimer(clock(), document.visibilityState === 'visible');
		},
		seconds(): number {
			update({});
			return reviewSecondsOf(state);
		},
		/** What the reviewer sees: the take's count so far, and whether it is counting now. */
		reading(): { seconds: number; counting: boolean } {
			update({});
			return { seconds: state.seconds, counting: isCounting(state, state.at) };
		},
		stop() {
			for (const name of INPUTS) window.removeEventListener(name, onInput, { capture: true });
			document.removeEventListener('play', onPlay, true);
			document.removeEventListener('pause', onPause, true);
			document.removeEventListener('ended', onPause, true);
			document.removeEventListener('visibilitychange', onVisibility);
		}
	};
}
