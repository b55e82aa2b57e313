// Which part of a time range each store answers: whole buckets of the coarsest grain that fits, then
// finer ones towards the edges (64, 16 and 4 days, a day, an hour; UTC, aligned to 1970-01-01), and the
// partial edges from raw rows. A range of months thus reads a few dozen buckets. Pure: tested with tables.

/** [from, to) in epoch milliseconds; null is unbounded on that side. */
export interface Interval {
	from: number | null;
	to: number | null;
}

export interface Grain {
	name: string;
	ms: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Coarsest first. Every grain divides the one before, so buckets nest. */
export const GRAINS: Grain[] = [
	{ name: 'd64', ms: 64 * DAY },
	{ name: 'd16', ms: 16 * DAY },
	{ name: 'd4', ms: 4 * DAY },
	{ name: 'day', ms: DAY },
	{ name: 'hour', ms: HOUR }
];

export interface TimePlan {
	/** Intervals of whole buckets, per grain name. */
	buckets: { grain: string; intervals: Interval[] }[];
	raw: Interval[];
}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/**
 * Splits [from, to) at every cut (e.g. the week boundaries a chart groups by), so that no bucket of the
 * plan straddles a cut: grouping a bucket by its start then puts it in the right group. `grains` are the
 * grains kept (coarsest first); what finer grains would serve is read raw.
 */
export function planRange(
	from: number | null,
	to: number | null,
	cuts: number[] = [],
	grains: Grain[] = GRAINS
): TimePlan {
	const inside = cuts.filter((c) => (from === null || c > from) && (to === null || c < to));
	const points = [...new Set(inside)].sort((a, b) => a - b);
	const edges: (number | null)[] = [from, ...points, to];
	const found = grains.map(() => [] as Interval[]);
	const raw: Interval[] = [];
	const split = (a: number | null, b: number | null, level: number) => {
		if (a !== null && b !== null && a >= b) return;
		if (level === grains.length) {
			raw.push({ from: a, to: b });
			return;
		}
		const size = grains[level].ms;
		const lo = a === null ? null : ceilTo(a, size);
		const hi = b === null ? null : floorTo(b, size);
		if (lo !== null && hi !== null && lo >= hi) {
			split(a, b, level + 1);
			return;
		}
		found[level].push({ from: lo, to: hi });
		if (a !== null) split(a, lo, level + 1);
		if (b !== null) split(hi, b, level + 1);
	};
	for (let i = 0; i + 1 < edges.length; i++) split(edges[i], edges[i + 1], 0);
	return {
		buckets: grains
			.map((g, i) => ({ grain: g.name, intervals: merge(found[i]) }))
			.filter((b) => b.intervals.length > 0),
		raw: merge(raw)
	};
}

/** Sorted, with touching intervals joined: fewer conditions in the statement. */
function merge(intervals: Interval[]): Interval[] {
	const low = (t: number | null) => (t === null ? -Infinity : t);
	const high = (t: number | null) => (t === null ? Infinity : t);
	const sorted = [...intervals].sort((x, y) => low(x.from) - low(y.from));
	const out: Interval[] = [];
	for (const i of sorted) {
		const last = out[out.length - 1];
		if (last && high(last.to) >= low(i.from)) {
			if (high(i.to) > high(last.to)) last.to = i.to;
		} else {
			out.push({ ...i });
		}
	}
	return out;
}
