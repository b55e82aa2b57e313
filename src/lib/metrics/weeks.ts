// ISO weeks as the dashboard shows them: every week in a range, gaps filled with a true 0 for spend.

/** The Monday (YYYY-MM-DD) of the week holding a YYYY-MM-DD date. */
export function mondayOf(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	const shift = (d.getUTCDay() + 6) % 7;
	return new Date(d.getTime() - shift * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
	return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every Monday from the week of `first` to the week of `last`, inclusive. */
export function weeksBetween(first: string, last: string): string[] {
	const weeks: string[] = [];
	for (let w = mondayOf(first); w <= mondayOf(last); w = addDays(w, 7)) weeks.push(w);
	return weeks;
}

/** ISO 8601 week label, e.g. 2026-W48, of a Monday. */
export function isoWeekLabel(monday: string): string {
	const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
	const year = thursday.getUTCFullYear();
	const jan1 = Date.UTC(year, 0, 1);
	const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
	return `${year}-W${String(week).padStart(2, '0')}`;
}
