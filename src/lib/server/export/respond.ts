// CSV downloads: the same files from the API (with a key) and from the dashboard's buttons.
import type { Filters } from '$lib/schemas/filters';
import type { Db } from '../db/connection';
import { workspaceTimeZone } from '../workspaces';
import { attemptsCsv } from './attempts-csv';
import { weeklyCsv } from './weekly-csv';

function headers(name: string, filters: Filters): HeadersInit {
	const range = [filters.from, filters.to].map((d) => d?.toISOString().slice(0, 10) ?? 'all').join('_');
	const project = filters.project ? `-${filters.project}` : '';
	return {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="keeprate-${name}${project}-${range}.csv"`
	};
}

export async function attemptsCsvResponse(db: Db, workspaceId: string, filters: Filters): Promise<Response> {
	return new Response(await attemptsCsv(db, workspaceId, filters), { headers: headers('attempts', filters) });
}

export async function weeklyCsvResponse(db: Db, workspaceId: string, filters: Filters): Promise<Response> {
	const csv = await weeklyCsv(db, workspaceId, filters, await workspaceTimeZone(db, workspaceId));
	return new Response(csv, { headers: headers('weekly', filters) });
}
