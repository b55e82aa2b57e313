// `npm start` on a current build: no build and no build output, so the first lines a newcomer reads are
// the API key and the setup link, and the dashboard answers within seconds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildNeeded } from '../../scripts/build.js';

const root = new URL('../../', import.meta.url).pathname;

const freePort = () =>
	new Promise<number>((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});

test(
	'a restart on a current build prints the key and setup link first, and no build output',
	{ timeout: 120_000 },
	async () => {
		expect(buildNeeded(root)).toBeNull(); // the test run's setup built the app and stamped it
		const dataDir = mkdtempSync(join(tmpdir(), 'keeprate-start-'));
		const port = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			KEEPRATE_DATA_DIR: join(dataDir, 'db')
		};
		delete env.DATABASE_URL;
		delete env.ORIGIN;
		const child = spawn(process.execPath, ['scripts/start.js'], { cwd: root, env });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		try {
			await expect.poll(() => output, { timeout: 90_000, interval: 100 }).toMatch(/Listening on/);
		} finally {
			child.kill('SIGTERM');
			await new Promise((done) => child.once('close', done));
			rmSync(dataDir, { recursive: true, force: true });
		}
		expect(output).not.toMatch(/building|vite|modules transformed/i);
		const lines = output.split('\n').filter((l) => l.trim() !== '');
		expect(lines[0]).toBe(
			'[keeprate] created an API key for the default workspace; it is shown only this once:'
		);
		expect(lines[1].trim()).toMatch(/^kr_[A-Za-z0-9_-]{20,}$/);
		expect(lines[2]).toBe('[keeprate] no user yet: create the first owner at');
		expect(lines[3].trim()).toBe(`http://localhost:${port}/setup?token=${/token=(\S+)/.exec(lines[3])![1]}`);
	}
);
