// Every display formatter of keeprate, one per kind of figure: count, percent (a rate or a share),
// probability, ratio, USD, seconds, change and day. Cards, tables, charts and the advice sentences all use
// these, so that one figure reads the same wherever it is shown. Pure; a null figure is a gap ('—').
import { addDays, isoWeekLabel } from '$lib/metrics/weeks';

export const GAP = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const smallUsdFormat = new Intl.NumberFormat('en-US', {
	style: 'currency',
	currency: 'USD',
	minimumFractionDigits: 3,
	maximumFractionDigits: 3
});
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});

/** A whole count: '1,234'. */
export function formatCount(n: number | null): string {
	return n === null || !Number.isFinite(n) ? GAP : integer.format(n);
}

/** A mean of counts (attempts per shot): one decimal ('1.5'); whole values stay whole ('2'). */
export function formatAttempts(n: number | null): string {
	if (n === null || !Number.isFinite(n)) return GAP;
	return Number.isInteger(n) ? integer.format(n) : oneDecimal.format(n);
}

/** The digits of a percentage: whole, with one decimal below 1% and above 99% so they never round to 0 or 100. */
function percentDigits(rate: number): string {
	const pct = rate * 100;
	const digits = pct !== 0 && (Math.abs(pct) < 1 || (pct > 99 && pct < 100)) ? 1 : 0;
	return pct.toFixed(digits);
}

/** A rate or share in [0, 1] as a percentage ('64%', '0.4%', '99.6%'). */
export function formatPercent(rate: number | null): string {
	return rate === null || !Number.isFinite(rate) ? GAP : `${percentDigits(rate)}%`;
}

/** '64% (52–75%)': a rate with its 95% interval, the bounds written like the rate. */
export function formatRateWithInterval(rate: number | null, interval: [number, number] | null): string {
	if (rate === null) return GAP;
	if (!interval) return formatPercent(rate);
	return `${formatPercent(rate)} (${percentDigits(interval[0])}–${formatPercent(interval[1])})`;
}

/** A probability, without claiming certainty the model does not have ('> 99.9%', '< 0.1%'). */
export function formatProbability(p: number | null): string {
	if (p === null || !Number.isFinite(p)) return GAP;
	if (p > 0.999) return '> 99.9%';
	if (p < 0.001) return '< 0.1%';
	return formatPercent(p);
}

/** A cost ratio: '2.99×'. */
export function formatRatio(r: number | null): string {
	return r === null || !Number.isFinite(r) ? GAP : `${r.toFixed(2)}×`;
}

/** Money: '$1,234.56', or three decimals under a dollar ('$0.125'); a gap for null. */
export function formatUsd(usd: number | null, gap = GAP): string {
	if (usd === null || !Number.isFinite(usd)) return gap;
	return Math.abs(usd) < 1 && usd !== 0 ? smallUsdFormat.format(usd) : usdFormat.format(usd);
}

/** Seconds as people read them: '95 s', '4 min 12 s'. */
export function formatSeconds(s: number | null): string {
	if (s === null || !Number.isFinite(s)) return GAP;
	const whole = Math.round(s);
	if (whole < 120) return `${integer.format(whole)} s`;
	const minutes = Math.floor(whole / 60);
	return whole % 60 === 0
		? `${integer.format(minutes)} min`
		: `${integer.format(minutes)} min ${whole % 60} s`;
}

/** A clip's length as sent: '8 s', '4.5 s' (one decimal where it has one). */
export function formatClipSeconds(s: number | null): string {
	if (s === null || !Number.isFinite(s)) return GAP;
	return `${Number.isInteger(s) ? integer.format(s) : s.toFixed(1)} s`;
}

/** A relative change: '+12%', '−8%', '0%'. */
export function formatChange(change: number | null): string {
	if (change === null || !Number.isFinite(change)) return GAP;
	const pct = Math.round(change * 100);
	return pct === 0 ? '0%' : `${pct > 0 ? '+' : '−'}${integer.format(Math.abs(pct))}%`;
}

/** '17 Nov 2026' for a YYYY-MM-DD day. */
export function formatDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : longDay.format(date);
}

/** 'W47 · 17 Nov' for the ISO week starting on a Monday (YYYY-MM-DD). */
export function weekLabel(monday: string): string {
	const week = isoWeekLabel(monday).split('-')[1];
	return `${week} · ${shortDay.format(new Date(`${monday}T00:00:00Z`))}`;
}

/** The range's exclusive end as the last day people expect to see (to minus one day). */
export function lastDay(exclusiveTo: string): string {
	const valid = /^\d{4}-\d{2}-\d{2}$/.test(exclusiveTo) && !Number.isNaN(Date.parse(exclusiveTo));
	return valid ? addDays(exclusiveTo, -1) : exclusiveTo;
}
