import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { safeNext, signIn } from '$lib/server/auth/sign-in';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: url.searchParams.get('next') ?? '' };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, setHeaders }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 320);
		const password = String(form.get('password') ?? '').slice(0, 1000);
		if (!email || !password) return fail(400, { email, message: 'Enter your email and password.' });
		const result = await signIn(db(), cookies, url.protocol === 'https:', email, password);
		if (!result.ok) {
			if (result.retryAfter) setHeaders({ 'retry-after': String(result.retryAfter) });
			return fail(result.status, { email, message: result.message });
		}
		redirect(303, safeNext(url.searchParams.get('next') ?? String(form.get('next') ?? '')));
	}
};
