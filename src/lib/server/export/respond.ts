// CSV downloads: the same files from the API (with a key) and from the dashboard's buttons.
import type { Filters } from '$lib/schemas/filters';
import { dayOf } from '$lib/metrics/time-zones';
import type { Db } from '../db/connection';
import { laborRate, workspaceTimeZone } from '../workspaces';
import { attemptsCsv } from './attempts-csv';
import { weeklyCsv } from './weekly-csv';

// The file is named after its days in the workspace's zone, as they were asked for.
function headers(name: string, filters: Filters, timeZone: string): HeadersInit {
	const range = [filters.from, filters.to].map((d) => (d ? dayOf(d, timeZone) : 'all')).join('_');
	const project = filters.project ? `-${filters.project}` : '';
	return {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="keeprate-${name}${project}-${range}.csv"`
	};
}

export async function attemptsCsvResponse(db: Db, workspaceId: string, filters: Filters): Promise<Response> {
	const timeZone = await workspaceTimeZone(db, workspaceId);
	return new Response(await attemptsCsv(db, workspaceId, filters), {
		headers: headers('attempts', filters, timeZone)
	});
}

/** The weekly figures; labour at `askedRate` (micro-dollars per hour) when given, else the workspace's. */
export async function weeklyCsvResponse(
	db: Db,
	workspaceId: string,
	filters: Filters,
	askedRate?: number
): Promise<Response> {
	const timeZone = await workspaceTimeZone(db, workspaceId);
	const rate = await laborRate(db, workspaceId, askedRate);
	const csv = await weeklyCsv(db, workspaceId, filters, timeZone, rate);
	return new Response(csv, { headers: headers('weekly', filters, timeZone) });
}
