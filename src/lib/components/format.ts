// Display formats shared by the overview's components and charts. Pure; a null figure is a gap ('—').
import { addDays, isoWeekLabel } from '$lib/metrics/weeks';

export const GAP = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});

export function formatCount(n: number | null): string {
	return n === null ? GAP : integer.format(n);
}

/** A rate in [0, 1] as a whole percentage ('64%'); below 1% and above 99% keep one decimal. */
export function formatPercent(rate: number | null): string {
	if (rate === null || !Number.isFinite(rate)) return GAP;
	const pct = rate * 100;
	const digits = pct !== 0 && (Math.abs(pct) < 1 || (pct > 99 && pct < 100)) ? 1 : 0;
	return `${pct.toFixed(digits)}%`;
}

/** '64% (52–75%)': a rate with its 95% interval. */
export function formatRateWithInterval(rate: number | null, interval: [number, number] | null): string {
	if (rate === null) return GAP;
	if (!interval) return formatPercent(rate);
	// Whole percents for the bounds: the interval itself says how loose the figure is.
	const [lo, hi] = interval.map((v) => String(Math.round(v * 100)));
	return `${formatPercent(rate)} (${lo}–${hi}%)`;
}

/** A probability, without claiming certainty the model does not have ('> 99.9%'). */
export function formatProbability(p: number | null): string {
	if (p === null) return GAP;
	if (p > 0.999) return '> 99.9%';
	if (p < 0.001) return '< 0.1%';
	return formatPercent(p);
}

/** A cost ratio such as '2.99×'. */
export function formatRatio(r: number | null): string {
	return r === null ? GAP : `${r.toFixed(2)}×`;
}

/** 'W47 · 17 Nov' for the ISO week starting on a Monday (YYYY-MM-DD). */
export function weekLabel(monday: string): string {
	const week = isoWeekLabel(monday).split('-')[1];
	return `${week} · ${shortDay.format(new Date(`${monday}T00:00:00Z`))}`;
}

/** '17 Nov 2026' for a YYYY-MM-DD day. */
export function formatDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : longDay.format(date);
}

/** The range's exclusive end as the last day people expect to see (to minus one day). */
export function lastDay(exclusiveTo: string): string {
	const valid = /^\d{4}-\d{2}-\d{2}$/.test(exclusiveTo) && !Number.isNaN(Date.parse(exclusiveTo));
	return valid ? addDays(exclusiveTo, -1) : exclusiveTo;
}

/** The overview's query string for a range [from, to) and an optional project. */
export function rangeQuery(from: string, to: string, project?: string): string {
	const query = new URLSearchParams({ from, to });
	if (project) query.set('project', project);
	return query.toString();
}

/** Rows grouped by a key, groups in the order they first appear. */
export function groupBy<T>(rows: T[], key: (row: T) => string): { key: string; rows: T[] }[] {
	const groups = new Map<string, T[]>();
	for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
	return [...groups].map(([k, members]) => ({ key: k, rows: members }));
}
