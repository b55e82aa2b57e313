import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { health } from '$lib/server/app';
import { RETRY_AFTER_SECONDS } from '$lib/server/errors';

/** 200 once the database is migrated and answers; 503 otherwise (the cause goes to the server log). */
export const GET: RequestHandler = async () => {
	const state = await health();
	if (!state.ok) console.error(`[keeprate] health: database ${state.database} not ready: ${state.error}`);
	if (state.ok) return json({ status: 'ok', database: state.database });
	return json(
		{ status: 'unavailable', database: state.database },
		{ status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } }
	);
};
