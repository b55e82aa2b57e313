// Where does the premium tier pay? The counts of a family pair per segment: scene tag, resolution,
// duration bucket (labels of DURATION_BUCKETS, from the SQL function keeprate_duration_bucket), creator or
// project. An attempt with several tags counts in each of its tags; one without any in '(untagged)'.
import type { Filters } from '$lib/schemas/filters';
import type { Dimension } from '$lib/schemas/segments';
import type { Db } from '../db/connection';
import { groupedCounts, type ReadOptions, type SegmentCounts } from '../rollups/read';

export function countsBySegment(
	db: Db,
	workspaceId: string,
	filters: Filters,
	dimension: Dimension,
	models?: string[],
	options: ReadOptions = {}
): Promise<SegmentCounts[]> {
	return groupedCounts(db, workspaceId, filters, { by: dimension }, { ...options, models });
}
