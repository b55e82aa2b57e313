// What the pages share besides the formatters (those live in $lib/format, one per kind of figure): a
// page's query string and grouping rows.

/** A page's query string for a range [from, to) and an optional project. */
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

/** A page's query string with its what-if labour rate (`laborUsdPerHour=`) added, when it has one. */
export function withLaborRate(query: string, param: string | null): string {
	if (param === null) return query;
	const rate = `laborUsdPerHour=${encodeURIComponent(param)}`;
	return query ? `${query}&${rate}` : rate;
}
