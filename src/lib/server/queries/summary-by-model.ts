// Which model costs what per usable clip: the counts per model (optionally per segment as well), summed
// in the database.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { summarize, type ModelCounts } from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { attempts, models } from '../db/schema';
import { countColumns, whereAttempts } from './filters';

export interface SegmentCounts extends ModelCounts {
	segment: string;
}

/** Counts per model; a model missing from the catalog is a family of its own. */
export async function countsByModel(db: Db, workspaceId: string, filters: Filters): Promise<ModelCounts[]> {
	return db
		.select(modelColumns)
		.from(attempts)
		.leftJoin(models, joinCatalog)
		.where(whereAttempts(workspaceId, filters))
		.groupBy(attempts.model, models.family, models.tier, models.displayName);
}

/** Counts per (segment, model), of the given models only when `only` is set. */
export async function countsBySegmentAndModel(
	db: Db,
	workspaceId: string,
	filters: Filters,
	segment: SQL<string>,
	only?: string[]
): Promise<SegmentCounts[]> {
	if (only?.length === 0) return [];
	return db
		.select({ segment: sql<string>`${segment}`.as('segment'), ...modelColumns })
		.from(attempts)
		.leftJoin(models, joinCatalog)
		.where(and(whereAttempts(workspaceId, filters), only ? inArray(attempts.model, only) : undefined))
		.groupBy(sql`segment`, attempts.model, models.family, models.tier, models.displayName)
		.orderBy(sql`segment`, attempts.model);
}

const modelColumns = {
	model: attempts.model,
	family: sql<string>`coalesce(${models.family}, ${attempts.model})`,
	tier: sql<number>`coalesce(${models.tier}, 0)`.mapWith(Number),
	displayName: sql<string>`coalesce(${models.displayName}, ${attempts.model})`,
	...countColumns
};

const joinCatalog = and(eq(models.workspaceId, attempts.workspaceId), eq(models.model, attempts.model));

export async function summaryByModel(db: Db, workspaceId: string, filters: Filters) {
	return summarize(await countsByModel(db, workspaceId, filters));
}
