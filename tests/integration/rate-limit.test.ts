// Ingestion is rate limited per key (KEEPRATE_RATE_LIMIT requests a minute): 429 with Retry-After.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../setup/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ env: { KEEPRATE_RATE_LIMIT: '5' } });
});
afterAll(async () => {
	await server?.stop();
});

test('past the limit a key gets 429 with Retry-After, and nothing of that request is stored', async () => {
	const post = (id: string) =>
		server.api('/api/v1/attempts', {
			method: 'POST',
			body: JSON.stringify({ id, project: 'rl', model: 'sora-2', durationSeconds: 4, resolution: '1280x720' })
		});
	for (let i = 0; i < 5; i++) expect((await post(`ok-${i}`)).status).toBe(200);
	const limited = await post('over');
	expect(limited.status).toBe(429);
	expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	expect((await limited.json()).error).toMatch(/too many requests/);
	expect((await server.api('/api/v1/attempts/over')).status).toBe(404);
	// Reading is not limited.
	expect((await server.api('/api/v1/summary?project=rl')).status).toBe(200);
});
