import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { verifyPassword } from '$lib/server/auth/passwords';
import { findUserByEmail, setPassword } from '$lib/server/auth/users';
import { workspaceOf } from '$lib/server/context';

export const load: PageServerLoad = ({ locals }) => ({ email: locals.user!.email });

/** Change one's own password: the current one first, then a new one of 10 characters or more. */
export const actions: Actions = {
	default: async ({ request, locals }) => {
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
		await setPassword(database, user.id, next);
		await audit(database, workspaceOf(locals), user.email, 'user.password_changed');
		return { saved: true };
	}
};
