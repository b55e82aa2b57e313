import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';

/** Sign out: the session is deleted, not just the cookie. */
export const POST: RequestHandler = async ({ cookies }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await endSession(db(), token);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
