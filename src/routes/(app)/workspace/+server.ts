import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { SESSION_COOKIE, switchWorkspace } from '$lib/server/auth/sessions';
import { workspacesOf } from '$lib/server/auth/users';

/** Switch the session to another workspace the user belongs to (404 for any other). */
export const POST: RequestHandler = async ({ request, locals, cookies }) => {
	const id = String((await request.formData()).get('workspace') ?? '');
	const token = cookies.get(SESSION_COOKIE);
	const mine = locals.user ? await workspacesOf(db(), locals.user.id) : [];
	if (!token || !mine.some((w) => w.id === id)) error(404, 'No such workspace.');
	await switchWorkspace(db(), token, id);
	redirect(303, '/');
};
