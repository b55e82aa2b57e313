import { asc, eq } from 'drizzle-orm';
import type { LayoutServerLoad } from './$types';
import { db } from '$lib/server/app';
import { workspacesOf } from '$lib/server/auth/users';
import { models } from '$lib/server/db/schema';

/**
 * Who is signed in, in which workspace, and the others they can switch to. `modelOrder` is the
 * workspace's catalog, family by family and cheapest tier first: every chart colours a model by its
 * place in it, so a model keeps one colour on every page whichever other models a page shows.
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user ?? null,
	workspace: locals.workspace ?? null,
	workspaces: locals.user ? await workspacesOf(db(), locals.user.id) : [],
	modelOrder: locals.workspace
		? (
				await db()
					.select({ model: models.model })
					.from(models)
					.where(eq(models.workspaceId, locals.workspace.id))
					.orderBy(asc(models.family), asc(models.tier), asc(models.model))
			).map((r) => r.model)
		: []
});
