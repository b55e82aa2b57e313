// The labour rate of a dashboard page (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip):
// `laborUsdPerHour=` in its URL ("what if review cost this much?"), read with the API's schema, else the
// workspace's. A value that is not a rate falls back to the workspace's with a message, as a filter that is
// not understood falls back to the default range.
import { laborRateQuerySchema } from '$lib/schemas/labour';
import { microsToUsd } from '$lib/metrics/money';
import type { Db } from './db/connection';
import { laborRate } from './workspaces';

export const LABOR_RATE_PARAM = 'laborUsdPerHour';

/** What a page shows of its rate and carries in its links and forms. */
export interface PageLabour {
	/** The rate the figures use, USD per hour; null: none. */
	usdPerHour: number | null;
	/** The workspace's rate (Settings), USD per hour; null: none. */
	workspaceUsdPerHour: number | null;
	/** The URL's rate as the page's links carry it ('90', '37.5'); null: the workspace's is in use. */
	param: string | null;
}

/** The URL's rate in micro-dollars per hour (undefined: none asked, or not a rate), and why not. Pure. */
export function askedLaborRate(url: URL): { asked: number | undefined; error: string | null } {
	const value = url.searchParams.get(LABOR_RATE_PARAM);
	if (value === null || value.trim() === '') return { asked: undefined, error: null };
	const parsed = laborRateQuerySchema.safeParse(value);
	if (parsed.success) return { asked: parsed.data, error: null };
	return {
		asked: undefined,
		error: `${LABOR_RATE_PARAM}: "${value.slice(0, 40)}" ${parsed.error.issues[0].message}`
	};
}

/** The page's rate: micro-dollars per hour for the queries, what the page shows, and any message. */
export async function pageLaborRate(db: Db, workspaceId: string, url: URL) {
	const { asked, error } = askedLaborRate(url);
	const workspace = await laborRate(db, workspaceId);
	const rate = asked ?? workspace;
	const labour: PageLabour = {
		usdPerHour: rate === null ? null : microsToUsd(rate),
		workspaceUsdPerHour: workspace === null ? null : microsToUsd(workspace),
		param: asked === undefined ? null : String(microsToUsd(asked))
	};
	return { rate, labour, errors: error ? [error] : null };
}
