// What the pages share besides the formatters (those live in $lib/format, one per kind of figure): a
// page's query string and grouping rows.

/** A page's query string for a range [from, to) and an optional project. */
export function rangeQuery(from: string, to: string, project?: string): string {
	const query = new URLSearchParams({ from, to });
	if (project) query.set('project', project);
	return query.toString();
}

/** rangeQuery's parameters as an object, for a form's hidden fields and links that keep the range. */
export const rangeParams = (from: string, to: string, project?: string): Record<string, string> =>
	Object.fromEntries(new URLSearchParams(rangeQuery(from, to, project)));

/** Rows grouped by a key, groups in the order they first appear. */
export function groupBy<T>(rows: T[], key: (row: T) => string): { key: string; rows: T[] }[] {
	const groups = new Map<string, T[]>();
	for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
	return [...groups].map(([k, members]) => ({ key: k, rows: members }));
}

/** A page's what-if labour rate as the parameters its forms and links carry (none: the workspace's). */
export const laborRateParams = (param: string | null): Record<string, string> =>
	param === null ? {} : { laborUsdPerHour: param };

/** A page's query string with its what-if labour rate (`laborUsdPerHour=`) added, when it has one. */
export function withLaborRate(query: string, param: string | null): string {
	if (param === null) return query;
	const rate = `laborUsdPerHour=${encodeURIComponent(param)}`;
	return query ? `${query}&${rate}` : rate;
}
