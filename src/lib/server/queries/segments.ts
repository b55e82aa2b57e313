// Where does the premium tier pay? The counts of a family pair per segment: scene tag, resolution,
// duration bucket, creator or project.
import { sql, type SQL } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { Dimension } from '$lib/schemas/segments';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { countsBySegmentAndModel, type SegmentCounts } from './summary-by-model';

// Labels match DURATION_BUCKETS in $lib/schemas/segments.
const durationBucket = sql<string>`case
	when ${attempts.durationSeconds} <= 5 then '≤ 5 s'
	when ${attempts.durationSeconds} <= 8 then '5–8 s'
	when ${attempts.durationSeconds} <= 12 then '8–12 s'
	else '> 12 s' end`;

/** One SQL expression per dimension; an attempt with several tags counts in each of its tags. */
const segmentExpression: Record<Dimension, SQL<string>> = {
	tag: sql<string>`unnest(case when cardinality(${attempts.tags}) = 0 then array['(untagged)'] else ${attempts.tags} end)`,
	resolution: sql<string>`coalesce(${attempts.resolution}, '(unknown)')`,
	duration: durationBucket,
	creator: sql<string>`coalesce(${attempts.creator}, '(unknown)')`,
	project: sql<string>`${attempts.project}`
};

export function countsBySegment(
	db: Db,
	workspaceId: string,
	filters: Filters,
	dimension: Dimension,
	models: string[]
): Promise<SegmentCounts[]> {
	return countsBySegmentAndModel(db, workspaceId, filters, segmentExpression[dimension], models);
}
