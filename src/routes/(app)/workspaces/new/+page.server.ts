import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { SESSION_COOKIE, switchWorkspace } from '$lib/server/auth/sessions';
import { setMembership } from '$lib/server/auth/users';
import { createWorkspace } from '$lib/server/workspaces';

/** Any signed-in user can start a workspace of their own, as its owner. */
export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const name = String((await request.formData()).get('name') ?? '').trim();
		if (name.length < 2 || name.length > 80) {
			return fail(400, { name, message: 'Give the workspace a name of 2 to 80 characters.' });
		}
		const database = db();
		const id = await createWorkspace(database, name);
		await setMembership(database, id, locals.user!.id, 'owner');
		await audit(database, id, locals.user!.email, 'workspace.created', { name });
		await switchWorkspace(database, cookies.get(SESSION_COOKIE)!, id);
		redirect(303, '/');
	}
};
