// Spend per ISO week (Monday 00:00 in the workspace's time zone) and model, summed in the database.
import { sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { countColumns, whereAttempts } from './filters';

export interface WeekModelCounts {
	/** The Monday that starts the week, YYYY-MM-DD in the workspace's time zone. */
	week: string;
	model: string;
	spendMicros: number;
	kept: number;
	decidedSpendMicros: number;
}

export async function weeklySpendByModel(
	db: Db,
	workspaceId: string,
	filters: Filters,
	timeZone = 'UTC'
): Promise<WeekModelCounts[]> {
	const week = sql<string>`to_char(date_trunc('week', ${attempts.createdAt} at time zone ${timeZone}), 'YYYY-MM-DD')`;
	return db
		.select({
			week,
			model: attempts.model,
			spendMicros: countColumns.spendMicros,
			kept: countColumns.kept,
			decidedSpendMicros: countColumns.decidedSpendMicros
		})
		.from(attempts)
		.where(whereAttempts(workspaceId, filters))
		.groupBy(sql`1`, attempts.model)
		.orderBy(sql`1`, attempts.model);
}
