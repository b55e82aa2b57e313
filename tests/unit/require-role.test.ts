// Who may take an action on a page: the role of the signed-in user's current workspace, and nobody else.
import { describe, expect, test } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { requireRole, type Role } from '../../src/lib/server/context';

const locals = (role?: Role) => (role ? { workspace: { id: 'w', name: 'W', role } } : {}) as App.Locals;

/** The status and message a page shows for the attempt, or 'allowed'. */
function outcome(l: App.Locals, needed: Role): string {
	try {
		requireRole(l, needed);
		return 'allowed';
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return `${e.status} ${e.body.message}`;
	}
}

describe('requireRole', () => {
	test.each([
		['owner', 'admin', 'allowed'],
		['admin', 'admin', 'allowed'],
		['member', 'member', 'allowed'],
		['viewer', 'viewer', 'allowed'],
		['member', 'admin', '403 This needs the admin role; you are a member in this workspace.'],
		['viewer', 'member', '403 This needs the member role; you are a viewer in this workspace.']
	] as [Role, Role, string][])('a %s asking for a %s action: %s', (role, needed, expected) => {
		expect(outcome(locals(role), needed)).toBe(expected);
	});

	test.each(['viewer', 'member', 'admin', 'owner'] as Role[])(
		'without a workspace, a %s action is refused with a 403 instead of being allowed as the owner',
		(needed) => {
			expect(outcome(locals(), needed)).toBe(
				`403 This needs the ${needed} role; you are not signed in to a workspace.`
			);
		}
	);
});
