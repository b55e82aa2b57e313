// Which model costs what per usable clip: the counts per model, from rollups and raw edges.
import type { Filters } from '$lib/schemas/filters';
import { summarize, type ModelCounts } from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { groupedCounts, type ReadOptions } from '../rollups/read';

export type { SegmentCounts } from '../rollups/read';

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
	options: ReadOptions = {}
) {
	return summarize(await countsByModel(db, workspaceId, filters, options));
}
