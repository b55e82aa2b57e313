import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { health } from '$lib/server/app';

/** 200 once the database is migrated and answers; 503 otherwise (the cause goes to the server log). */
export const GET: RequestHandler = async () => {
	const state = await health();
	if (!state.ok) console.error(`[keeprate] health: database ${state.database} not ready: ${state.error}`);
	return json(
		{ status: state.ok ? 'ok' : 'unavailable', database: state.database },
		{ status: state.ok ? 200 : 503 }
	);
};
