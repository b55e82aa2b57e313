// Calendar days and ISO weeks in a workspace's time zone (IANA name), converted to UTC instants. Pure.
import { addDays, mondayOf } from './weeks';

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: number, timeZone: string): Record<string, number> {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, f);
	}
	const out: Record<string, number> = {};
	for (const p of f.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
	return out;
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
	const p = parts(instant, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		parts(0, timeZone);
		return true;
	} catch {
		return false;
	}
}

/** The instant a local calendar day (YYYY-MM-DD) starts in the zone. */
export function startOfDay(day: string, timeZone: string): Date {
	const naive = Date.parse(`${day}T00:00:00Z`);
	// Two passes settle the offset even when midnight falls next to a daylight-saving change.
	let guess = naive - offsetAt(naive, timeZone);
	guess = naive - offsetAt(guess, timeZone);
	return new Date(guess);
}

/**
 * The instant a local date and time (YYYY-MM-DDTHH:MM:SS, no zone) names in the zone. A time that a
 * daylight-saving change skips or repeats takes the offset in force just before the change.
 */
export function localToInstant(local: string, timeZone: string): Date {
	const naive = Date.parse(`${local}Z`);
	let guess = naive - offsetAt(naive, timeZone);
	guess = naive - offsetAt(guess, timeZone);
	return new Date(guess);
}

/** The local calendar day (YYYY-MM-DD) of an instant in the zone. */
export function dayOf(instant: Date, timeZone: string): string {
	const p = parts(instant.getTime(), timeZone);
	return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** '2026-W48' to the Monday it starts on; null when the week does not exist (e.g. 2027-W53). */
export function mondayOfIsoWeek(week: string): string | null {
	const m = /^(\d{4})-W(\d{2})$/.exec(week);
	if (!m) return null;
	const year = Number(m[1]);
	const n = Number(m[2]);
	const firstMonday = mondayOf(`${m[1]}-01-04`);
	const monday = addDays(firstMonday, (n - 1) * 7);
	const nextYearFirst = mondayOf(`${year + 1}-01-04`);
	return n >= 1 && monday < nextYearFirst ? monday : null;
}

/** The instants [from, to) of an ISO week in the zone. */
export function isoWeekRange(week: string, timeZone: string): { from: Date; to: Date } | null {
	const monday = mondayOfIsoWeek(week);
	if (!monday) return null;
	return { from: startOfDay(monday, timeZone), to: startOfDay(addDays(monday, 7), timeZone) };
}
