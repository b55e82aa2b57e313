// The date range and project of a dashboard page, from its URL: `from` (a day), `until` (the last day,
// inclusive, as people pick it) or `to` (exclusive, as the API takes it), `project`. Days are in the
// workspace's time zone; anything invalid falls back to the default range with a message.
import type { Filters } from '$lib/schemas/filters';
import { slug } from '$lib/schemas/attempt';
import { inYearRange, MAX_YEAR, MIN_YEAR } from '$lib/schemas/safe-input';
import { addDays } from '$lib/metrics/weeks';
import { dayOf, startOfDay } from '$lib/metrics/time-zones';

export const DEFAULT_DAYS = 42;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// A real calendar day, in a year the database holds (Date.parse accepts 0000-01-01).
const isDay = (v: string) => DAY.test(v) && inYearRange(Date.parse(`${v}T00:00:00Z`)) && addDays(v, 0) === v;

export interface PageRange {
	/** First day, inclusive. */
	from: string;
	/** Day after the last, exclusive. */
	to: string;
	/** Last day, inclusive. */
	until: string;
	project: string;
	today: string;
	filters: Filters;
	errors: string[] | null;
}

export function pageRange(url: URL, timeZone: string, now = new Date()): PageRange {
	const today = dayOf(now, timeZone);
	const errors: string[] = [];
	const get = (k: string) => url.searchParams.get(k) || '';
	let from = get('from') || addDays(today, -(DEFAULT_DAYS - 1));
	let to = get('until')
		? addDays(isDay(get('until')) ? get('until') : today, 1)
		: get('to') || addDays(today, 1);
	for (const [name, value] of [
		['from', from],
		[get('until') ? 'until' : 'to', get('until') || to]
	]) {
		if (!isDay(value)) {
			errors.push(`${name}: "${value}" is not a date (YYYY-MM-DD) in the years ${MIN_YEAR} to ${MAX_YEAR}`);
		}
	}
	if (errors.length === 0 && from >= to) errors.push('the first day must come before the last');
	if (errors.length > 0) {
		from = addDays(today, -(DEFAULT_DAYS - 1));
		to = addDays(today, 1);
	}
	let project = get('project');
	if (project && !slug.safeParse(project).success) {
		errors.push(`project: "${project}" is not a project slug`);
		project = '';
	}
	return {
		from,
		to,
		until: addDays(to, -1),
		project,
		today,
		filters: {
			from: startOfDay(from, timeZone),
			to: startOfDay(to, timeZone),
			project: project || undefined
		},
		errors: errors.length > 0 ? errors : null
	};
}
