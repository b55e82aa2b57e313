// The embedded database's memory: a server started on a new data folder held about 770 MB at rest, most
// of it initdb's WebAssembly memory, which a process never gets back. initdb now runs in a child process
// of its own, so the server opens a folder that exists, as on every later start.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'keeprate-memory-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** tests/setup/open-new-folder.ts in a process of its own: its memory is the server's, nothing else's. */
async function openInProcess(dataDir: string) {
	const { stdout } = await promisify(execFile)(process.execPath, [
		'--import',
		'tsx',
		'tests/setup/open-new-folder.ts',
		dataDir
	]);
	return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
		rssKb: number;
		peakKb: number;
		settings: { shared_buffers: string; work_mem: string };
	};
}

type Opened = Awaited<ReturnType<typeof openInProcess>>;
let first: Opened;
let again: Opened;
beforeAll(async () => {
	first = await openInProcess(join(folder, 'db'));
	again = await openInProcess(join(folder, 'db'));
}, 180_000);

test('a server started on a new data folder never holds initdb’s memory (it held 770 MB at rest)', () => {
	expect(existsSync(join(folder, 'db', 'PG_VERSION'))).toBe(true);
	// initdb in this process took its peak above 800 MB and left about 700 MB; without it, opening and
	// migrating a new folder stays near a restart's 250 MB (tsx included).
	expect(first.peakKb).toBeLessThan(450 * 1024);
	expect(first.rssKb).toBeLessThan(400 * 1024);
	expect(again.peakKb).toBeLessThan(450 * 1024);
});

test('the embedded database runs with 32 MB of shared buffers and 16 MB of work_mem', () => {
	for (const opened of [first, again])
		expect(opened.settings).toEqual({ shared_buffers: '32MB', work_mem: '16MB' });
});
