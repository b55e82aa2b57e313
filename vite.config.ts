import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/global.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000
				}
			},
			{
				extends: true,
				// Faults injected into a database of its own on the PostgreSQL server (DATABASE_URL, else
				// 127.0.0.1:5432): `npm run test:faults`, not part of `npm test`.
				test: {
					name: 'faults',
					include: ['tests/faults/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/global.ts'],
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 180_000
				}
			},
			{
				extends: true,
				// Hostile requests to a real server (tests/fuzz): `npm run test:fuzz`, not part of `npm test`.
				test: {
					name: 'fuzz',
					include: ['tests/fuzz/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/global.ts'],
					fileParallelism: false,
					testTimeout: 3_600_000,
					hookTimeout: 180_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/global.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 180_000
				}
			}
		]
	}
});
