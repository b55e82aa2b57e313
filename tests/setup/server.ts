// The built app as a real server on a free port: its own embedded database in a temporary folder, or
// its own fresh database on the PostgreSQL server when DATABASE_URL is set.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export const TEST_KEY = 'kr_test_key_0123456789abcdefghijklmnopqrstuv';
/** The owner every test server starts with (KEEPRATE_INIT_ADMIN_EMAIL / _PASSWORD). */
export const TEST_ADMIN = { email: 'owner@example.com', password: 'correct horse battery staple' };

export interface TestServer {
	url: string;
	/** The embedded database's folder, or the PostgreSQL database's URL. */
	dataDir: string;
	databaseUrl?: string;
	process: ChildProcess;
	output: () => string;
	/** fetch with the API key. */
	api: (path: string, init?: RequestInit) => Promise<Response>;
	stop: () => Promise<number | null>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

export async function freshPostgresDatabase(
	url: string
): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `keeprate_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		drop: async () => {
			const again = postgres(url, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}

export interface ServerOptions {
	env?: Record<string, string>;
	/** Reuse a data folder (to restart on the same embedded database). */
	dataDir?: string;
	/** Wait only until the server answers at all (for a server whose database is down). */
	healthy?: boolean;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
	const { env = {}, healthy = true } = options;
	const port = await freePort();
	const ownDir = !options.dataDir;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keeprate-server-'));
	const pg =
		process.env.DATABASE_URL && env.DATABASE_URL === undefined
			? await freshPostgresDatabase(process.env.DATABASE_URL)
			: undefined;
	let log = '';
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			BODY_SIZE_LIMIT: '1G',
			KEEPRATE_DATA_DIR: join(dataDir, 'db'),
			KEEPRATE_INIT_API_KEY: TEST_KEY,
			KEEPRATE_INIT_ADMIN_EMAIL: TEST_ADMIN.email,
			KEEPRATE_INIT_ADMIN_PASSWORD: TEST_ADMIN.password,
			DATABASE_URL: pg?.url ?? '',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok || !healthy) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		dataDir: join(dataDir, 'db'),
		databaseUrl: pg?.url ?? env.DATABASE_URL,
		process: child,
		output: () => log,
		api: (path, init = {}) =>
			fetch(url + path, {
				...init,
				headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', ...init.headers }
			}),
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			const code = await exited;
			if (ownDir) rmSync(dataDir, { recursive: true, force: true });
			await pg?.drop();
			return code;
		}
	};
}
