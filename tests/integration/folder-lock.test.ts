// One process per embedded data folder: two keeprate processes on one PGlite folder each acknowledged
// writes that the other then overwrote. The second now refuses to start; a lock left by a killed
// process is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { FolderInUse, LOCK_FILE } from '../../src/lib/server/db/folder-lock';
import { rowsOf } from '../../src/lib/server/rollups/compact';

const children: ChildProcess[] = [];
// One folder for every test: creating one (initdb) is the slow part.
let folder: string;

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'keeprate-lock-'));
	await (await openDatabase({ dataDir: folder })).close();
}, 60_000);

afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const lockOwner = () => JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')).pid;

/** A second process holding `folder` (tests/setup/hold-folder.ts); resolves with its exit or its "ready". */
function holder(folder: string, attempts: number) {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/setup/hold-folder.ts', folder, String(attempts)],
		{
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	children.push(child);
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const ready = new Promise<{ ready: boolean; output: string; code: number | null }>((resolve) => {
		child.stdout!.on('data', () => {
			if (output.includes('ready')) resolve({ ready: true, output, code: null });
		});
		child.on('exit', (code) => resolve({ ready: false, output, code }));
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	return { child, ready, exited };
}

describe('one process per embedded data folder', () => {
	test('a second process on the same folder refuses to start, and the first one’s acknowledged attempts stay', async () => {
		const first = holder(folder, 500);
		expect(await first.ready).toMatchObject({ ready: true });
		expect((await first.ready).output).toMatch(/ready 500/);

		const second = holder(folder, 500);
		const refused = await second.ready;
		expect(refused.ready).toBe(false);
		expect(refused.code).not.toBe(0);
		expect(refused.output).toContain(`the data folder ${folder} is in use by another keeprate process`);
		expect(refused.output).toContain(`pid ${first.child.pid}`);

		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		const database = await openDatabase({ dataDir: folder });
		try {
			const [row] = rowsOf(
				await database.db.execute(
					sql`select count(*)::int as n from attempts where id like ${`held-${first.child.pid}-%`}`
				)
			);
			expect(row.n).toBe(500);
		} finally {
			await database.close();
		}
	}, 120_000);

	test('opening a folder already open in this process is refused, and allowed again once it is closed', async () => {
		const database = await openDatabase({ dataDir: folder });
		await expect(openDatabase({ dataDir: folder })).rejects.toBeInstanceOf(FolderInUse);
		await database.close();
		expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
		const again = await openDatabase({ dataDir: folder });
		await again.close();
	}, 60_000);

	test('the lock of a process killed with -9 is taken over at the next start', async () => {
		const held = holder(folder, 1);
		expect(await held.ready).toMatchObject({ ready: true });
		held.child.kill('SIGKILL');
		await held.exited;
		expect(lockOwner()).toBe(held.child.pid);

		const database = await openDatabase({ dataDir: folder });
		try {
			expect(lockOwner()).toBe(process.pid);
		} finally {
			await database.close();
		}
	}, 120_000);

	test('a lock file that cannot be read (cut short by a crash) is taken over', async () => {
		writeFileSync(join(folder, LOCK_FILE), '{"pid": 12');
		const database = await openDatabase({ dataDir: folder });
		expect(lockOwner()).toBe(process.pid);
		await database.close();
	}, 60_000);
});
