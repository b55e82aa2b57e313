import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm, refuse } from '$lib/forms/parse';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { verifyPassword } from '$lib/server/auth/passwords';
import { countSessions, endUserSessions, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { findUserByEmail, setPassword } from '$lib/server/auth/users';
import type { Db } from '$lib/server/db/connection';
import { workspaceOf } from '$lib/server/context';

const currentForm = z.strictObject({ current: z.string().max(1000) });
const passwordForm = z
	.strictObject({
		password: z
			.string()
			.min(10, 'Choose a password of at least 10 characters.')
			.max(1000, 'Choose a password of at least 10 characters.'),
		confirm: z.string().max(1000)
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two new passwords differ.' });

export const load: PageServerLoad = async ({ locals }) => ({
	email: locals.user!.email,
	sessions: await countSessions(db(), locals.user!.id)
});

export const actions: Actions = {
	/**
	 * Change one's own password: the current one first, then a new one of 10 characters or more. Every
	 * other session ends with the old password; this browser stays signed in.
	 */
	password: async ({ request, locals, cookies }) => {
		// Every field is a password: none is sent back to the page. The current one is checked first: without
		// it, nothing is said about the new one.
		const form = await request.formData();
		const current = parseForm(form, currentForm, { secrets: ['current'] });
		const database = db();
		const user = await findUserByEmail(database, locals.user!.email);
		if (!current.ok || !user || !(await verifyPassword(current.data.current, user.passwordHash)))
			return refuse('password', {}, { current: 'This is not your current password.' });
		const parsed = parseForm(form, passwordForm, { secrets: ['password', 'confirm'] });
		if (!parsed.ok) return failed('password', parsed);
		const next = parsed.data.password;
		const ended = await database.transaction(async (tx) => {
			await setPassword(tx as unknown as Db, user.id, next);
			return endUserSessions(tx as unknown as Db, user.id, cookies.get(SESSION_COOKIE));
		});
		await audit(database, workspaceOf(locals), user.email, 'user.password_changed', { sessionsEnded: ended });
		return { form: 'password', saved: true, ended };
	},

	/** Sign out everywhere: every session of this user ends, this one too (a lost laptop, a shared computer). */
	everywhere: async ({ locals, cookies }) => {
		const database = db();
		const ended = await endUserSessions(database, locals.user!.id);
		await audit(database, workspaceOf(locals), locals.user!.email, 'user.signed_out_everywhere', {
			sessionsEnded: ended
		});
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?signed-out=everywhere');
	}
};
