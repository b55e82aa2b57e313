// Neither an API key nor a password is ever stored: not in the embedded database's files, not in a
// dump of the PostgreSQL database.
import { afterAll, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, TEST_ADMIN, TEST_KEY } from '../setup/server';
import { signInHttp } from '../setup/session';

const folder = mkdtempSync(join(tmpdir(), 'keeprate-secrets-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

test('the API key and the password appear nowhere in the stored data', async () => {
	const server = await startServer({ dataDir: folder });
	const response = await server.api('/api/v1/attempts', {
		method: 'POST',
		body: JSON.stringify({
			id: 's1',
			project: 'p',
			model: 'sora-2',
			durationSeconds: 4,
			resolution: '1280x720'
		})
	});
	expect(response.status).toBe(200);
	await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	const secrets = [TEST_KEY, TEST_ADMIN.password];
	let stored: Buffer[];
	if (server.databaseUrl) {
		stored = [execFileSync('pg_dump', ['--no-owner', server.databaseUrl], { maxBuffer: 256 * 1024 * 1024 })];
		expect(stored[0].toString()).toContain('owner@example.com');
		await server.stop();
	} else {
		// Stopped first, so everything the database holds is on disk.
		await server.stop();
		stored = filesUnder(server.dataDir).map((f) => readFileSync(f));
		expect(stored.length).toBeGreaterThan(10);
		expect(stored.some((b) => b.includes('owner@example.com'))).toBe(true);
	}
	for (const secret of secrets) {
		for (const encoding of ['utf8', 'utf16le', 'base64'] as const) {
			const needle = Buffer.from(secret, 'utf8').toString(encoding === 'base64' ? 'base64' : 'utf8');
			const bytes = encoding === 'utf16le' ? Buffer.from(secret, 'utf16le') : Buffer.from(needle);
			expect(stored.some((b) => b.includes(bytes))).toBe(false);
		}
	}
});
