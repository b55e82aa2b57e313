import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { weeklyCsvResponse } from '$lib/server/export/respond';
import { pageRange } from '$lib/server/page-range';
import { askedLaborRate } from '$lib/server/page-labor-rate';
import { workspaceTimeZone } from '$lib/server/workspaces';

/**
 * The dashboard's "Weekly figures CSV" button: per ISO week and model over ?from=&until=&project=, review
 * priced at the page's what-if rate (laborUsdPerHour=) when it has one, else the workspace's.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const range = pageRange(url, await workspaceTimeZone(database, workspaceId));
	// A download must hold what was asked for, never a silently different default range.
	const { asked, error: rateError } = askedLaborRate(url);
	const errors = [...(range.errors ?? []), ...(rateError ? [rateError] : [])];
	if (errors.length > 0) error(400, `Cannot export: ${errors.join('; ')}`);
	return weeklyCsvResponse(database, workspaceId, range.filters, asked);
};
