import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { parseForm, refuse } from '$lib/forms/parse';
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

// Over-long input is cut, not refused: the answer is the same "wrong email or password" as for a typo.
const signInForm = z.strictObject({
	email: z
		.string()
		.min(1)
		.transform((v) => v.slice(0, 320)),
	password: z
		.string()
		.min(1)
		.transform((v) => v.slice(0, 1000)),
	next: z.string()
});

/** Not started on its database yet (db() refuses), or the database went away. */
const unreachable = (error: unknown) =>
	(error instanceof ApiError && error.status === 503) || databaseUnavailable(error);

export const actions: Actions = {
	default: async ({ request, cookies, url, setHeaders, getClientAddress }) => {
		// The password is never sent back; the page says what went wrong above the form, not per field.
		const parsed = parseForm(await request.formData(), signInForm, { secrets: ['password'] });
		const refused = (status: number, message: string) =>
			refuse('signIn', parsed.values, {}, { status, message });
		if (!parsed.ok) return refused(400, 'Enter your email and password.');
		const { email, password, next } = parsed.data;
		const client = clientKey(getClientAddress());
		const secure = url.protocol === 'https:';
		try {
			const result = await signIn(db(), { cookies, secure, client }, email, password);
			if (!result.ok) {
				if (result.retryAfter) setHeaders({ 'retry-after': String(result.retryAfter) });
				return refused(result.status, result.message);
			}
		} catch (error) {
			if (!unreachable(error)) throw error;
			console.error('[keeprate] sign-in: database unavailable:', error);
			setHeaders({ 'retry-after': '30' });
			return refused(
				503,
				'The database is unavailable right now, so signing in is not possible. Try again in a minute.'
			);
		}
		redirect(303, safeNext(url.searchParams.get('next') ?? next));
	}
};
