// The reviewers' queue: pending takes one after another, oldest first.
import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { Db } from './db/connection';
import { attempts } from './db/schema';
import { groupedCounts } from './rollups/read';

export async function nextPending(
	db: Db,
	workspaceId: string,
	project?: string,
	after?: { createdAt: Date; id: string }
) {
	const where = [
		eq(attempts.workspaceId, workspaceId),
		eq(attempts.status, 'succeeded'),
		eq(attempts.verdict, 'pending'),
		project ? eq(attempts.project, project) : undefined,
		after
			? or(
					gt(attempts.createdAt, after.createdAt),
					and(eq(attempts.createdAt, after.createdAt), gt(attempts.id, after.id))
				)
			: undefined
	];
	const [next] = await db
		.select()
		.from(attempts)
		.where(and(...where))
		.orderBy(asc(attempts.createdAt), asc(attempts.id))
		.limit(1);
	// Every pending take of the queue, from rollups: the queue can hold many.
	const counts = await groupedCounts(db, workspaceId, { project }, { by: 'none' });
	return { attempt: next ?? null, remaining: counts.reduce((sum, c) => sum + c.pending, 0) };
}
