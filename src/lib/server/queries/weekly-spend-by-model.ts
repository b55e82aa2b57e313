// Counts per ISO week (Monday 00:00 in the workspace's time zone) and model.
import type { Filters } from '$lib/schemas/filters';
import type { Db } from '../db/connection';
import { groupedCounts, type ReadOptions, type SegmentCounts } from '../rollups/read';

/** `segment` is the Monday that starts the week, YYYY-MM-DD in the time zone. */
export function countsByWeekAndModel(
	db: Db,
	workspaceId: string,
	filters: Filters,
	timeZone = 'UTC',
	options: ReadOptions = {}
): Promise<SegmentCounts[]> {
	return groupedCounts(db, workspaceId, filters, { by: 'week', timeZone }, options);
}
