// Which model costs what per usable clip: the counts per model, summed in the database.
import { and, eq, sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { summarize, type ModelCounts } from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { attempts, models } from '../db/schema';
import { countColumns, whereAttempts } from './filters';

export async function countsByModel(db: Db, workspaceId: string, filters: Filters): Promise<ModelCounts[]> {
	// A model missing from the catalog is a family of its own.
	return db
		.select({
			model: attempts.model,
			family: sql<string>`coalesce(${models.family}, ${attempts.model})`,
			tier: sql<number>`coalesce(${models.tier}, 0)`.mapWith(Number),
			displayName: sql<string>`coalesce(${models.displayName}, ${attempts.model})`,
			...countColumns
		})
		.from(attempts)
		.leftJoin(models, and(eq(models.workspaceId, attempts.workspaceId), eq(models.model, attempts.model)))
		.where(whereAttempts(workspaceId, filters))
		.groupBy(attempts.model, models.family, models.tier, models.displayName);
}

export async function summaryByModel(db: Db, workspaceId: string, filters: Filters) {
	return summarize(await countsByModel(db, workspaceId, filters));
}
