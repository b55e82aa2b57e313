import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { start, stop, db } from '$lib/server/app';
import { readSession, SESSION_COOKIE } from '$lib/server/auth/sessions';

// Migrations run here, so the server listens only once the database is ready.
export const init: ServerInit = async () => {
	await start();
	// postgres.js would keep the process alive after SIGTERM: close the pool when the server stops.
	process.once('sveltekit:shutdown', () => void stop());
};

/** Reachable without a session: sign-in, first-owner setup, health, the key-authenticated API, assets. */
const PUBLIC = [
	/^\/login\/?$/,
	/^\/setup\/?$/,
	/^\/api\/health\/?$/,
	/^\/api\/v1\//,
	/^\/_app\//,
	/^\/favicon\.svg$/
];

export const handle: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	// A form post that is not the page's own enhanced fetch (a plain browser post, curl, a script) gets
	// the page's real HTTP answer (303, 400, 429) rather than SvelteKit's JSON action result.
	if (
		event.request.method === 'POST' &&
		!path.startsWith('/api/') &&
		!event.request.headers.has('x-sveltekit-action')
	) {
		event.request.headers.set('accept', 'text/html');
	}
	const token = event.cookies.get(SESSION_COOKIE);
	if (token && !path.startsWith('/_app/')) {
		const session = await readSession(db(), token).catch(() => null);
		if (session) {
			event.locals.user = session.user;
			event.locals.workspace = session.workspace;
		}
	}
	if (!event.locals.user && !PUBLIC.some((p) => p.test(path))) {
		const next = path === '/' ? '' : `?next=${encodeURIComponent(path + event.url.search)}`;
		redirect(303, `/login${next}`);
	}
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	if (path.startsWith('/api/') || event.locals.user) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404) console.error(`[keeprate] ${event.request.method} ${event.url.pathname}:`, error);
	return {
		message: status === 404 ? message : 'Something went wrong on our side; the server log has details.'
	};
};
