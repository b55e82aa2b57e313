// kill -9 during concurrent ingestion: every attempt acknowledged (200) before the crash is stored after
// the restart, none twice, and the figures (from rollups) count exactly what is stored. On the embedded
// database (a data folder) and on PostgreSQL (a database of its own on the server at DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { freshPostgresDatabase, startServer, type TestServer } from '../setup/server';

const SHARED = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = 4;
const BATCH = 100;

const attempt = (id: string) => ({
	id,
	project: 'crash',
	model: 'sora-2',
	durationSeconds: 4,
	costUsd: 0.4,
	verdict: 'keep',
	tags: ['close-up']
});

/** Clients sending batches until `stop`; the ids of every batch answered 200. */
function ingestUntilStopped(server: TestServer) {
	const acknowledged: string[] = [];
	let stopped = false;
	const client = async (c: number) => {
		for (let b = 0; !stopped; b++) {
			const ids = Array.from({ length: BATCH }, (_, i) => `c${c}-b${b}-${i}`);
			try {
				const response = await server.api('/api/v1/attempts', {
					method: 'POST',
					body: JSON.stringify({ attempts: ids.map(attempt) })
				});
				if (response.status === 200) acknowledged.push(...ids);
				else await response.body?.cancel();
			} catch {
				// The connection died with the server: not acknowledged, may or may not be stored.
				return;
			}
		}
	};
	const running = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
	return {
		acknowledged,
		stop: async () => {
			stopped = true;
			await running;
		}
	};
}

/** Every stored id of the project, from the attempts CSV (its first column). */
async function storedIds(server: TestServer): Promise<string[]> {
	const response = await server.api('/api/v1/attempts.csv?project=crash');
	expect(response.status).toBe(200);
	const [, ...rows] = (await response.text()).trim().split('\n');
	return rows.map((row) => row.split(',')[0].replace(/^"|"$/g, ''));
}

async function countedAttempts(server: TestServer): Promise<number> {
	const response = await server.api('/api/v1/summary?project=crash');
	const { models } = (await response.json()) as { models: { attempts: number }[] };
	return models.reduce((sum, m) => sum + m.attempts, 0);
}

async function crashAndRestart(start: () => Promise<TestServer>) {
	const first = await start();
	const load = ingestUntilStopped(first);
	// Killed mid-stream, with batches in flight on every client.
	await expect.poll(() => load.acknowledged.length, { timeout: 60_000, interval: 20 }).toBeGreaterThan(3000);
	first.process.kill('SIGKILL');
	await load.stop();
	const acknowledged = new Set(load.acknowledged);
	const second = await start();
	try {
		const stored = await storedIds(second);
		const unique = new Set(stored);
		expect(unique.size).toBe(stored.length);
		const lost = [...acknowledged].filter((id) => !unique.has(id));
		if (lost.length > 0) {
			console.log(`lost ${lost.length} of ${acknowledged.size}; stored ${stored.length}`);
			console.log(`first server:\n${first.output()}\nsecond server:\n${second.output()}`);
		}
		expect(lost).toEqual([]);
		// Batches in flight at the kill: stored whole or not at all.
		const batches = new Map<string, number>();
		for (const id of stored) {
			const batch = id.slice(0, id.lastIndexOf('-'));
			batches.set(batch, (batches.get(batch) ?? 0) + 1);
		}
		expect([...batches.values()].every((n) => n === BATCH)).toBe(true);
		// The rollups (and whatever deltas the crash left unfolded) count each stored attempt once.
		expect(await countedAttempts(second)).toBe(stored.length);
		console.log(
			`${acknowledged.size} attempts acknowledged before the kill; ${stored.length} stored after it`
		);
		return { acknowledged: acknowledged.size, stored: stored.length };
	} finally {
		await second.stop();
	}
}

describe('kill -9 during concurrent ingestion', () => {
	test('on the embedded database: every acknowledged attempt is stored once after the restart', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'keeprate-crash-'));
		try {
			// DATABASE_URL empty: the embedded database, also when the suite runs with one set.
			const result = await crashAndRestart(() =>
				startServer({ dataDir, env: { DATABASE_URL: '', KEEPRATE_RATE_LIMIT: '0' } })
			);
			expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	}, 300_000);

	test('on PostgreSQL: every acknowledged attempt is stored once after the restart', async () => {
		const database = await freshPostgresDatabase(SHARED);
		try {
			const result = await crashAndRestart(() =>
				startServer({ env: { DATABASE_URL: database.url, KEEPRATE_RATE_LIMIT: '0' } })
			);
			expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
		} finally {
			await database.drop();
		}
	}, 300_000);
});
