import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { start, stop } from '$lib/server/app';

// Migrations run here, so the server listens only once the database is ready.
export const init: ServerInit = async () => {
	await start();
	// postgres.js would keep the process alive after SIGTERM: close the pool when the server stops.
	process.once('sveltekit:shutdown', () => void stop());
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	if (event.url.pathname.startsWith('/api/')) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404) console.error(`[keeprate] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: status === 404 ? message : 'Something went wrong on our side; the server log has details.' };
};
