// Issue 12, "no input gets a 5xx", as a property: a slice of the API fuzz (tests/fuzz) in every test run,
// 300 hostile requests with a new seed each time (printed, and replayable with KEEPRATE_FUZZ_SEED).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../setup/server';
import { fuzzApi, fuzzOptionsFromEnv, seedFuzzServer } from '../fuzz/api-fuzz';

let server: TestServer;

beforeAll(async () => {
	server = await startServer({ env: { KEEPRATE_RATE_LIMIT: '100000000' } });
	await seedFuzzServer(server);
});
afterAll(async () => {
	await server?.stop();
});

test(
	'300 hostile requests: no 5xx, every refusal a JSON error that stores nothing',
	{ timeout: 120_000 },
	async () => {
		const report = await fuzzApi(server, { ...fuzzOptionsFromEnv(300), runs: 300 });
		expect(report.failures).toEqual([]);
	}
);
