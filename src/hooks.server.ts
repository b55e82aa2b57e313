import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { start, stop, db } from '$lib/server/app';
import { readSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { apiErrorAsJson, malformedApiPath } from '$lib/server/http';
import { REQUEST_DEADLINE_MS, withDeadline } from '$lib/server/deadline';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from '$lib/server/errors';

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
	/^\/docs\/api\/?$/,
	/^\/_app\//,
	/^\/favicon\.svg$/
];

/**
 * A page read waits on the database no longer than an API request (deadline.ts): a database that does
 * not answer gives a 503 page with Retry-After. Form posts, whose body may still be arriving, are not
 * timed; the API times itself (respond).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const { method } = event.request;
	const refused = unboundedBody(event.request, event.url.pathname);
	if (refused) return refused;
	const page = (method === 'GET' || method === 'HEAD') && !/^\/(api|_app)\//.test(event.url.pathname);
	if (!page) return answer(event, resolve, false);
	return withDeadline(() => answer(event, resolve, true), REQUEST_DEADLINE_MS).catch((error: unknown) => {
		if (!databaseUnavailable(error)) throw error;
		console.error('[keeprate] %s %s: database unavailable:', method, event.url.pathname, error);
		return new Response('The database is not answering; try again in a few seconds.', {
			status: 503,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS) }
		});
	});
};

/** Form posts and other page requests: far more than any form sends. */
const MAX_PAGE_BODY_BYTES = 1024 * 1024;

/**
 * The server's BODY_SIZE_LIMIT is sized for imports (scripts/start.js). The API bounds each body itself
 * (readJson, the import's line limit), and so does the import page's upload; any other page request must
 * say how long its body is, and be small.
 */
function unboundedBody(request: Request, path: string): Response | undefined {
	if (request.method === 'GET' || request.method === 'HEAD') return undefined;
	if (path.startsWith('/api/') || path === '/settings/import/upload') return undefined;
	const declared = request.headers.get('content-length');
	const text = (status: number, message: string) =>
		new Response(message, {
			status,
			headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }
		});
	if (declared === null && request.headers.has('transfer-encoding'))
		return text(411, 'A form post must declare its length (Content-Length).');
	if (Number(declared) > MAX_PAGE_BODY_BYTES)
		return text(413, `A form post is at most ${MAX_PAGE_BODY_BYTES / 1024 / 1024} MB.`);
	return undefined;
}

async function answer(
	event: Parameters<Handle>[0]['event'],
	resolve: Parameters<Handle>[0]['resolve'],
	page: boolean
): Promise<Response> {
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
		// On a page, an outage is not a signed-out user: it answers 503 rather than sending them to sign in.
		const session = await readSession(db(), token).catch((error: unknown) => {
			if (page && databaseUnavailable(error)) throw error;
			return null;
		});
		if (session) {
			event.locals.user = session.user;
			event.locals.workspace = session.workspace;
		}
	}
	if (!event.locals.user && !PUBLIC.some((p) => p.test(path))) {
		const next = path === '/' ? '' : `?next=${encodeURIComponent(path + event.url.search)}`;
		redirect(303, `/login${next}`);
	}
	// Every /api answer is JSON, errors included, even those SvelteKit gives before or outside a route.
	const api = path.startsWith('/api/');
	const response = api
		? (malformedApiPath(path) ?? apiErrorAsJson(await resolve(event)))
		: await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	// An API route may say how it is cached (the OpenAPI document, the same for everyone); no other
	// answer is stored, and no page of a signed-in user.
	const ownCaching = api && response.headers.has('cache-control');
	if ((api || event.locals.user) && !ownCaching) response.headers.set('Cache-Control', 'no-store');
	return response;
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// The path goes in as an argument: a "%f" in a hostile path must not be read as a format directive.
	if (status !== 404) console.error('[keeprate] %s %s:', event.request.method, event.url.pathname, error);
	return {
		message: status === 404 ? message : 'Something went wrong on our side; the server log has details.'
	};
};
