import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { clientKey } from '$lib/server/auth/client';
import { safeNext, signIn } from '$lib/server/auth/sign-in';
import { ApiError, databaseUnavailable } from '$lib/server/errors';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		next: url.searchParams.get('next') ?? '',
		signedOutEverywhere: url.searchParams.get('signed-out') === 'everywhere'
	};
};

/** Not started on its database yet (db() refuses), or the database went away. */
const unreachable = (error: unknown) =>
	(error instanceof ApiError && error.status === 503) || databaseUnavailable(error);

export const actions: Actions = {
	default: async ({ request, cookies, url, setHeaders, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 320);
		const password = String(form.get('password') ?? '').slice(0, 1000);
		if (!email || !password) return fail(400, { email, message: 'Enter your email and password.' });
		const client = clientKey(getClientAddress());
		const secure = url.protocol === 'https:';
		try {
			const result = await signIn(db(), { cookies, secure, client }, email, password);
			if (!result.ok) {
				if (result.retryAfter) setHeaders({ 'retry-after': String(result.retryAfter) });
				return fail(result.status, { email, message: result.message });
			}
		} catch (error) {
			if (!unreachable(error)) throw error;
			console.error('[keeprate] sign-in: database unavailable:', error);
			setHeaders({ 'retry-after': '30' });
			return fail(503, {
				email,
				message:
					'The database is unavailable right now, so signing in is not possible. Try again in a minute.'
			});
		}
		redirect(303, safeNext(url.searchParams.get('next') ?? String(form.get('next') ?? '')));
	}
};
