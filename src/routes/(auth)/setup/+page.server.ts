import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm } from '$lib/forms/parse';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { clientKey } from '$lib/server/auth/client';
import { checkSetupToken, spendSetupToken } from '$lib/server/auth/setup';
import { signIn } from '$lib/server/auth/sign-in';
import { countUsers, createUser, setMembership } from '$lib/server/auth/users';
import { DEFAULT_WORKSPACE } from '$lib/server/workspaces';

const PASSWORD = 'Choose a password of at least 10 characters.';
const EMAIL = 'Enter a valid email address.';
const setupForm = z
	.strictObject({
		email: z
			.string()
			.max(320, EMAIL)
			.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, EMAIL),
		password: z.string().min(10, PASSWORD).max(1000, PASSWORD),
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

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
		const database = db();
		if ((await countUsers(database)) > 0 || !checkSetupToken(String(form.get('token') ?? '')))
			error(404, 'This setup link has been used.');
		// The passwords are never sent back to the page.
		const parsed = parseForm(form, setupForm, { secrets: ['password', 'confirm'] });
		if (!parsed.ok) return failed('setup', parsed);
		const { email, password } = parsed.data;
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
