// Where the wasted spend went: projects and scene tags with the most cost of decided attempts not kept.
import { desc, sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { microsToUsd } from '$lib/metrics/money';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { isDecided, isKept, isPending, whereAttempts } from './filters';

export interface Sink {
	name: string;
	wastedSpendUsd: number;
	decided: number;
	kept: number;
}

const wasted = sql<number>`coalesce(sum(${attempts.costMicros}) filter (where ${isDecided} and not ${isKept}), 0)`;

export async function retakeSinks(
	db: Db,
	workspaceId: string,
	filters: Filters,
	by: 'project' | 'tag',
	limit = 5
): Promise<Sink[]> {
	const name = by === 'project' ? sql<string>`${attempts.project}` : sql<string>`unnest(${attempts.tags})`;
	const rows = await db
		.select({
			name: sql<string>`${name}`.as('name'),
			wasted: wasted.mapWith(Number).as('wasted'),
			decided: sql<number>`count(*) filter (where ${isDecided})`.mapWith(Number),
			kept: sql<number>`count(*) filter (where ${isKept})`.mapWith(Number)
		})
		.from(attempts)
		.where(whereAttempts(workspaceId, filters))
		.groupBy(sql`name`)
		.orderBy(desc(sql`wasted`), sql`name`)
		.limit(limit);
	return rows
		.filter((r) => r.wasted > 0)
		.map((r) => ({ name: r.name, wastedSpendUsd: microsToUsd(r.wasted), decided: r.decided, kept: r.kept }));
}

export interface Backlog {
	pending: number;
	pendingSpendUsd: number;
	oldestPendingAt: string | null;
}

/** Attempts still waiting for a verdict. */
export async function reviewBacklog(db: Db, workspaceId: string, filters: Filters): Promise<Backlog> {
	const [row] = await db
		.select({
			pending: sql<number>`count(*)`.mapWith(Number),
			spend: sql<number>`coalesce(sum(${attempts.costMicros}), 0)`.mapWith(Number),
			oldest: sql<string | null>`min(${attempts.createdAt})`
		})
		.from(attempts)
		.where(sql`${whereAttempts(workspaceId, filters)} and ${isPending}`);
	return {
		pending: row.pending,
		pendingSpendUsd: microsToUsd(row.spend),
		oldestPendingAt: row.oldest ? new Date(row.oldest).toISOString() : null
	};
}
