import type { LayoutServerLoad } from './$types';
import { db } from '$lib/server/app';
import { workspacesOf } from '$lib/server/auth/users';

/** Who is signed in, in which workspace, and the others they can switch to. */
export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user ?? null,
	workspace: locals.workspace ?? null,
	workspaces: locals.user ? await workspacesOf(db(), locals.user.id) : []
});
