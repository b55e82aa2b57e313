// Which part of a time range each store answers: whole UTC days from day rollups, whole UTC hours from
// hour rollups, and the partial edges from raw attempts. Pure: no database, tested with tables.

/** [from, to) in epoch milliseconds; null is unbounded on that side. */
export interface Interval {
	from: number | null;
	to: number | null;
}

export interface TimePlan {
	days: Interval[];
	hours: Interval[];
	raw: Interval[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/**
 * Splits [from, to) at every cut (e.g. the week boundaries a chart groups by), so that no bucket of the
 * plan straddles a cut: grouping a bucket by its start then puts it in the right group. Without hour
 * rollups (`hours: false`) what whole hours would have served is read raw.
 */
export function planRange(
	from: number | null,
	to: number | null,
	cuts: number[] = [],
	hours = true
): TimePlan {
	const inside = cuts.filter((c) => (from === null || c > from) && (to === null || c < to));
	const points = [...new Set(inside)].sort((a, b) => a - b);
	const edges: (number | null)[] = [from, ...points, to];
	const plan: TimePlan = { days: [], hours: [], raw: [] };
	for (let i = 0; i + 1 < edges.length; i++) splitSegment(edges[i], edges[i + 1], plan, hours);
	return { days: merge(plan.days), hours: merge(plan.hours), raw: merge(plan.raw) };
}

function splitSegment(a: number | null, b: number | null, plan: TimePlan, hours: boolean) {
	const dayFrom = a === null ? null : ceilTo(a, DAY);
	const dayTo = b === null ? null : floorTo(b, DAY);
	if (dayFrom === null || dayTo === null || dayFrom < dayTo) {
		plan.days.push({ from: dayFrom, to: dayTo });
		if (a !== null) splitHours(a, dayFrom!, plan, hours);
		if (b !== null) splitHours(dayTo!, b, plan, hours);
	} else {
		splitHours(a!, b!, plan, hours);
	}
}

/** [a, b) within one day or less: whole hours from hour rollups, the rest raw. */
function splitHours(a: number, b: number, plan: TimePlan, hours: boolean) {
	if (a >= b) return;
	const hourFrom = ceilTo(a, HOUR);
	const hourTo = floorTo(b, HOUR);
	if (!hours || hourFrom >= hourTo) {
		plan.raw.push({ from: a, to: b });
		return;
	}
	plan.hours.push({ from: hourFrom, to: hourTo });
	if (a < hourFrom) plan.raw.push({ from: a, to: hourFrom });
	if (hourTo < b) plan.raw.push({ from: hourTo, to: b });
}

/** Sorted, with touching intervals joined: fewer conditions in the statement. */
function merge(intervals: Interval[]): Interval[] {
	const key = (t: number | null, low: boolean) => (t === null ? (low ? -Infinity : Infinity) : t);
	const sorted = intervals
		.filter((i) => key(i.from, true) < key(i.to, false))
		.sort((x, y) => key(x.from, true) - key(y.from, true));
	const out: Interval[] = [];
	for (const i of sorted) {
		const last = out[out.length - 1];
		if (last && last.to !== null && i.from !== null && last.to >= i.from) {
			last.to = i.to === null || key(i.to, false) > last.to ? i.to : last.to;
		} else {
			out.push({ ...i });
		}
	}
	return out;
}
