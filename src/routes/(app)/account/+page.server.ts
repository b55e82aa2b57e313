import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { verifyPassword } from '$lib/server/auth/passwords';
import { countSessions, endUserSessions, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { findUserByEmail, setPassword } from '$lib/server/auth/users';
import type { Db } from '$lib/server/db/connection';
import { workspaceOf } from '$lib/server/context';

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
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('password') ?? '');
		const database = db();
		const user = await findUserByEmail(database, locals.user!.email);
		if (!user || !(await verifyPassword(current, user.passwordHash))) {
			return fail(400, { errors: { current: 'This is not your current password.' } });
		}
		if (next.length < 10 || next.length > 1000) {
			return fail(400, { errors: { password: 'Choose a password of at least 10 characters.' } });
		}
		if (next !== String(form.get('confirm') ?? '')) {
			return fail(400, { errors: { confirm: 'The two new passwords differ.' } });
		}
		const ended = await database.transaction(async (tx) => {
			await setPassword(tx as unknown as Db, user.id, next);
			return endUserSessions(tx as unknown as Db, user.id, cookies.get(SESSION_COOKIE));
		});
		await audit(database, workspaceOf(locals), user.email, 'user.password_changed', { sessionsEnded: ended });
		return { saved: true, ended };
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
