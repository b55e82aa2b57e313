// Counts per ISO week (Monday 00:00 in the workspace's time zone) and model, summed in the database.
import { sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { countsBySegmentAndModel, type SegmentCounts } from './summary-by-model';

/** `segment` is the Monday that starts the week, YYYY-MM-DD in the time zone. */
export function countsByWeekAndModel(
	db: Db,
	workspaceId: string,
	filters: Filters,
	timeZone = 'UTC'
): Promise<SegmentCounts[]> {
	const week = sql<string>`to_char(date_trunc('week', ${attempts.createdAt} at time zone ${timeZone}), 'YYYY-MM-DD')`;
	return countsBySegmentAndModel(db, workspaceId, filters, week);
}
