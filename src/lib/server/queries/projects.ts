// The projects of a workspace, for the filter menu, with how many attempts each has (all time).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { projects } from '../db/schema';
import { groupedCounts, type ReadOptions } from '../rollups/read';

export async function listProjects(db: Db, workspaceId: string, options: ReadOptions = {}) {
	const [list, counts] = await Promise.all([
		db
			.select({ slug: projects.slug, name: projects.name })
			.from(projects)
			.where(eq(projects.workspaceId, workspaceId))
			.orderBy(asc(projects.slug)),
		groupedCounts(db, workspaceId, {}, { by: 'project' }, options)
	]);
	const attempts = new Map<string, number>();
	for (const c of counts) attempts.set(c.segment, (attempts.get(c.segment) ?? 0) + c.attempts);
	return list.map((p) => ({ ...p, attempts: attempts.get(p.slug) ?? 0 }));
}
