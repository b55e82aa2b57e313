// Shots: the takes and retakes of one clip (shotId). How many attempts, and how much money, until the
// first keep; which shots were abandoned. Grouped by the model the shot was made with.
import { sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { isKept, isPending, whereAttempts } from './filters';

export interface ShotRow {
	shotId: string;
	project: string;
	/** The shot's model, or '(mixed)' when its takes used several. */
	model: string;
	attempts: number;
	/** Attempts up to and including the first keep; null without a keep. */
	attemptsToFirstKeep: number | null;
	costToFirstKeepMicros: number | null;
	spendMicros: number;
	hasPending: boolean;
	firstAt: Date;
}

export async function shotRows(db: Db, workspaceId: string, filters: Filters): Promise<ShotRow[]> {
	const takes = db.$with('takes').as(
		db
			.select({
				shotId: sql<string>`${attempts.shotId}`.as('shot_id'),
				project: sql<string>`${attempts.project}`.as('project'),
				model: sql<string>`${attempts.model}`.as('model'),
				createdAt: sql<Date>`${attempts.createdAt}`.as('created_at'),
				kept: sql<boolean>`${isKept}`.as('kept'),
				pending: sql<boolean>`${isPending}`.as('pending'),
				cost: sql<number>`${attempts.costMicros}`.as('cost'),
				take: sql<number>`row_number() over (partition by ${attempts.shotId} order by ${attempts.createdAt}, ${attempts.id})`.as(
					'take'
				),
				costSoFar:
					sql<number>`sum(${attempts.costMicros}) over (partition by ${attempts.shotId} order by ${attempts.createdAt}, ${attempts.id} rows unbounded preceding)`.as(
						'cost_so_far'
					)
			})
			.from(attempts)
			.where(sql`${whereAttempts(workspaceId, filters)} and ${attempts.shotId} is not null`)
	);
	const rows = await db
		.with(takes)
		.select({
			shotId: takes.shotId,
			project: sql<string>`min(${takes.project})`,
			model: sql<string>`case when count(distinct ${takes.model}) = 1 then min(${takes.model}) else '(mixed)' end`,
			attempts: sql<number>`count(*)`.mapWith(Number),
			attemptsToFirstKeep: sql<number | null>`min(${takes.take}) filter (where ${takes.kept})`,
			costToFirstKeepMicros: sql<number | null>`min(${takes.costSoFar}) filter (where ${takes.kept})`,
			spendMicros: sql<number>`sum(${takes.cost})`.mapWith(Number),
			hasPending: sql<boolean>`bool_or(${takes.pending})`,
			firstAt: sql<string>`min(${takes.createdAt})`
		})
		.from(takes)
		.groupBy(takes.shotId);
	return rows.map((r) => ({
		...r,
		attemptsToFirstKeep: r.attemptsToFirstKeep === null ? null : Number(r.attemptsToFirstKeep),
		costToFirstKeepMicros: r.costToFirstKeepMicros === null ? null : Number(r.costToFirstKeepMicros),
		hasPending: Boolean(r.hasPending),
		firstAt: new Date(r.firstAt)
	}));
}
