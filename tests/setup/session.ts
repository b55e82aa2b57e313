// Signing in over plain HTTP, as a browser would: a form POST with the page's Origin, cookies kept.
import type { TestServer } from './server';

export interface HttpUser {
	cookie: string;
	/** fetch as this user: session cookie and Origin set, redirects not followed. */
	get: (path: string) => Promise<Response>;
	post: (path: string, form: Record<string, string>) => Promise<Response>;
}

export function postForm(server: TestServer, path: string, form: Record<string, string>, cookie = '') {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(form)
	});
}

export async function signInHttp(server: TestServer, email: string, password: string): Promise<HttpUser> {
	const response = await postForm(server, '/login', { email, password });
	if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return asUser(server, cookie);
}

export function asUser(server: TestServer, cookie: string): HttpUser {
	return {
		cookie,
		get: (path) => fetch(server.url + path, { redirect: 'manual', headers: { cookie } }),
		post: (path, form) => postForm(server, path, form, cookie)
	};
}
