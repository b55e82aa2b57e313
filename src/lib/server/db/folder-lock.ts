// One process per PGlite data folder. PGlite runs inside the process that opens it, with no server to
// arbitrate: two processes on one folder each write their own view of it, and the last to close wins
// (attempts acknowledged to the other are lost). A lock file in the folder names the process holding it;
// a second process refuses to start, and the lock of a process that died (kill -9, power loss) is taken
// over.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'keeprate.lock';

export interface LockOwner {
	pid: number;
	host: string;
	startedAt: string;
	command: string;
}

export class FolderInUse extends Error {
	constructor(
		readonly folder: string,
		readonly owner: LockOwner
	) {
		super(
			`the data folder ${folder} is in use by another keeprate process (pid ${owner.pid} on ${owner.host}, ` +
				`started ${owner.startedAt}: ${owner.command}). Two processes on one embedded database lose ` +
				`each other's writes: stop that process first, or give this one its own folder with ` +
				`KEEPRATE_DATA_DIR (or use DATABASE_URL, a PostgreSQL server, for several processes).`
		);
	}
}

export interface FolderLock {
	release(): void;
}

/**
 * Takes the lock of `folder`, or throws FolderInUse naming the process that holds it. A lock whose
 * process is gone (on this host) is taken over.
 */
export function lockFolder(folder: string, isAlive: (pid: number) => boolean = processAlive): FolderLock {
	const path = join(folder, LOCK_FILE);
	const mine: LockOwner = {
		pid: process.pid,
		host: hostname(),
		startedAt: new Date().toISOString(),
		command: process.argv.slice(1).join(' ').slice(0, 200)
	};
	const text = JSON.stringify(mine);
	// Written beside the lock, then linked to its name: link fails if the name exists, so of two processes
	// only one gets it, and no one ever reads a half-written lock.
	const draft = `${path}.${process.pid}.${Date.now()}`;
	writeFileSync(draft, text);
	try {
		for (let tries = 0; ; tries++) {
			try {
				linkSync(draft, path);
				break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 3) throw error;
			}
			const owner = readOwner(path);
			if (owner && (owner.host !== mine.host || isAlive(owner.pid))) throw new FolderInUse(folder, owner);
			// Dead (or unreadable) owner: move its lock aside, then try again. If another process took it over
			// meanwhile, the link above fails and the new owner is read again.
			const stale = `${path}.stale.${process.pid}`;
			try {
				renameSync(path, stale);
				rmSync(stale, { force: true });
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			}
		}
	} finally {
		rmSync(draft, { force: true });
	}
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		// Only our own lock: never one another process took over.
		if (readOwner(path)?.pid === mine.pid && readOwner(path)?.startedAt === mine.startedAt)
			rmSync(path, { force: true });
		process.off('exit', release);
	};
	process.on('exit', release);
	return { release };
}

function readOwner(path: string): LockOwner | null {
	try {
		const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
		return Number.isInteger(owner.pid) ? owner : null;
	} catch {
		return null;
	}
}

/** Whether a process with this pid runs (a pid reused by a program other than node counts as gone). */
function processAlive(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	try {
		return /node|keeprate/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
	} catch {
		return true;
	}
}
