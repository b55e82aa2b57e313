// Who is asking, for pages: the signed-in user's current workspace and role (set by hooks.server.ts).
import { error } from '@sveltejs/kit';
import { DEFAULT_WORKSPACE } from './workspaces';
import type { Role } from './db/enums';

export type { Role };

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

/** The workspace every query of a page is scoped to. */
export function workspaceOf(locals: App.Locals): string {
	return locals.workspace?.id ?? DEFAULT_WORKSPACE;
}

/**
 * Refuse (403) an action the signed-in role may not take. Without a workspace there is no role to hold:
 * refused too, whatever the action, rather than taken as the owner's.
 */
export function requireRole(locals: App.Locals, needed: Role): void {
	const role = locals.workspace?.role;
	if (!role) error(403, `This needs the ${needed} role; you are not signed in to a workspace.`);
	if (!hasRole(role, needed))
		error(403, `This needs the ${needed} role; you are a ${role} in this workspace.`);
}
