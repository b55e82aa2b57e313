import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { clientKey } from '$lib/server/auth/client';
import { checkSetupToken, spendSetupToken } from '$lib/server/auth/setup';
import { signIn } from '$lib/server/auth/sign-in';
import { countUsers, createUser, setMembership } from '$lib/server/auth/users';
import { DEFAULT_WORKSPACE } from '$lib/server/workspaces';

/** The one-time link printed at start while no user exists: it creates the first owner. */
export const load: PageServerLoad = async ({ url }) => {
	if ((await countUsers(db())) > 0) redirect(303, '/login');
	if (!checkSetupToken(url.searchParams.get('token')))
		error(404, 'This setup link is not valid: use the one in the server log.');
	return { token: url.searchParams.get('token') };
};

export const actions: Actions = {
	default: async ({ request, url, cookies, getClientAddress }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? '');
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const database = db();
		if ((await countUsers(database)) > 0 || !checkSetupToken(token))
			error(404, 'This setup link has been used.');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) {
			return fail(400, { email, message: 'Enter a valid email address.' });
		}
		if (password.length < 10 || password.length > 1000) {
			return fail(400, { email, message: 'Choose a password of at least 10 characters.' });
		}
		if (password !== String(form.get('confirm') ?? '')) {
			return fail(400, { email, message: 'The two passwords differ.' });
		}
		const user = await createUser(database, email, password);
		await setMembership(database, DEFAULT_WORKSPACE, user.id, 'owner');
		spendSetupToken();
		await audit(database, DEFAULT_WORKSPACE, user.email, 'user.created', {
			role: 'owner',
			via: 'setup link'
		});
		const client = clientKey(getClientAddress());
		await signIn(database, { cookies, secure: url.protocol === 'https:', client }, email, password);
		redirect(303, '/');
	}
};
