// Which model costs what per usable clip: the counts per model, from rollups and raw edges.
import type { Filters } from '$lib/schemas/filters';
import { summarize, type ModelCounts } from '$lib/metrics/summary';
import type { LaborRate } from '$lib/metrics/labour';
import type { Db } from '../db/connection';
import { groupedCounts, type ReadOptions } from '../rollups/read';

export type { SegmentCounts } from '../rollups/read';

/** Where the counts come from, and the labour rate the figures price review time at (none: null). */
export interface FigureOptions extends ReadOptions {
	laborRate?: LaborRate;
}

/** Counts per model; a model missing from the catalog is a family of its own. */
export async function countsByModel(
	db: Db,
	workspaceId: string,
	filters: Filters,
	options: ReadOptions = {}
): Promise<ModelCounts[]> {
	const rows = await groupedCounts(db, workspaceId, filters, { by: 'none' }, options);
	return rows.map(({ segment: _, ...counts }) => counts);
}

export async function summaryByModel(
	db: Db,
	workspaceId: string,
	filters: Filters,
	{ laborRate = null, ...options }: FigureOptions = {}
) {
	return summarize(await countsByModel(db, workspaceId, filters, options), laborRate);
}
