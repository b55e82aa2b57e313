// `npm run test:fuzz`: 10,000 hostile requests by default (KEEPRATE_FUZZ_RUNS), replayable with
// KEEPRATE_FUZZ_SEED. See api-fuzz.ts for what each answer must be.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../setup/server';
import { fuzzApi, fuzzOptionsFromEnv, seedFuzzServer } from './api-fuzz';

let server: TestServer;

beforeAll(async () => {
	server = await startServer({ env: { KEEPRATE_RATE_LIMIT: '100000000' } });
	await seedFuzzServer(server);
});
afterAll(async () => {
	await server?.stop();
});

test('no hostile request gets a 5xx, every refusal is a JSON error and stores nothing', async () => {
	const options = fuzzOptionsFromEnv(10_000);
	const report = await fuzzApi(server, options);
	expect(report.failures).toEqual([]);
	expect(report.requests).toBeGreaterThanOrEqual(options.runs);
});
