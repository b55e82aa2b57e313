// The one place where filters become SQL; every value is a bound parameter.
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { attempts } from '../db/schema';

export function whereAttempts(workspaceId: string, f: Filters): SQL {
	const conditions: (SQL | undefined)[] = [eq(attempts.workspaceId, workspaceId)];
	if (f.from) conditions.push(gte(attempts.createdAt, f.from));
	if (f.to) conditions.push(lt(attempts.createdAt, f.to));
	if (f.project) conditions.push(eq(attempts.project, f.project));
	if (f.model) conditions.push(eq(attempts.model, f.model));
	if (f.tag && f.tag.length > 0) {
		const tags = sql.join(
			f.tag.map((t) => sql`${t}`),
			sql`, `
		);
		conditions.push(sql`${attempts.tags} @> array[${tags}]::text[]`);
	}
	return and(...conditions)!;
}

// The verdict states of docs/figures.md#words, as SQL predicates over one attempt.
export const isKept = sql`(${attempts.status} = 'succeeded' and ${attempts.verdict} = 'keep')`;
export const isPending = sql`(${attempts.status} = 'succeeded' and ${attempts.verdict} = 'pending')`;
export const isDecided = sql`(${attempts.status} = 'failed' or ${attempts.verdict} in ('keep', 'reject'))`;

/** The sums every figure is computed from (see $lib/metrics/figures Counts). */
export const countColumns = {
	attempts: sql<number>`count(*)`.mapWith(Number),
	kept: sql<number>`count(*) filter (where ${isKept})`.mapWith(Number),
	rejected:
		sql<number>`count(*) filter (where ${attempts.status} = 'succeeded' and ${attempts.verdict} = 'reject')`.mapWith(
			Number
		),
	failed: sql<number>`count(*) filter (where ${attempts.status} = 'failed')`.mapWith(Number),
	pending: sql<number>`count(*) filter (where ${isPending})`.mapWith(Number),
	spendMicros: sql<number>`coalesce(sum(${attempts.costMicros}), 0)`.mapWith(Number),
	decidedSpendMicros:
		sql<number>`coalesce(sum(${attempts.costMicros}) filter (where ${isDecided}), 0)`.mapWith(Number),
	keptSpendMicros: sql<number>`coalesce(sum(${attempts.costMicros}) filter (where ${isKept}), 0)`.mapWith(
		Number
	),
	// Seconds are summed as exact decimals, so any order of addition (rollups) gives the same figure.
	keptSeconds:
		sql<number>`coalesce(sum(${attempts.durationSeconds}::numeric) filter (where ${isKept}), 0)`.mapWith(
			Number
		),
	generationSeconds: sql<number>`coalesce(sum(${attempts.generationSeconds}::numeric), 0)`.mapWith(Number),
	timedAttempts: sql<number>`count(${attempts.generationSeconds})`.mapWith(Number),
	reviewSeconds:
		sql<number>`coalesce(sum(${attempts.reviewSeconds}::numeric) filter (where ${isDecided}), 0)`.mapWith(
			Number
		)
};
