// The projects of a workspace, for the filter menu, with how many attempts each has.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { projects } from '../db/schema';

export async function listProjects(db: Db, workspaceId: string) {
	return db
		.select({
			slug: projects.slug,
			name: projects.name,
			attempts:
				sql<number>`(select count(*) from attempts a where a.workspace_id = ${projects.workspaceId} and a.project = ${projects.slug})`.mapWith(
					Number
				)
		})
		.from(projects)
		.where(eq(projects.workspaceId, workspaceId))
		.orderBy(asc(projects.slug));
}
