// COPY ... FROM STDIN, the fastest way into a table on both engines, which drizzle does not offer: run on
// the driver itself. PostgreSQL reads the rows as CSV (see csvField).
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Db } from './connection';

function clientOf(db: Db): PGlite | Sql {
	const client = (db as unknown as { $client?: PGlite | Sql }).$client;
	if (!client)
		throw new Error('COPY runs on the database itself, as a statement of its own, not in a transaction');
	return client;
}

function copyStatement(table: string, columns: string[], source: string): string {
	const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
	return `copy ${quote(table)} (${columns.map(quote).join(', ')}) from ${source} with (format csv)`;
}

/**
 * COPY `csv` (rows of csvField values, each ending in a newline) into `table` (`columns`), as one
 * statement in a transaction of its own: every row is stored, or none. Settles once the server has
 * answered: with its error, if any (a duplicate key, say).
 */
export async function copyCsv(db: Db, table: string, columns: string[], csv: string): Promise<void> {
	const client = clientOf(db);
	if (client instanceof PGlite) {
		// PGlite runs in this process: COPY reads the rows from a Blob it mounts as /dev/blob.
		await client.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([csv]) });
		return;
	}
	const copy = await openCopy(db, table, columns);
	await copy.write(csv);
	await copy.end();
}

/** A COPY into a table of a PostgreSQL server, open for rows while they are still being made. */
export interface OpenCopy {
	/**
	 * Sends rows (CSV as for copyCsv); resolves once they are on their way, so the next can be made. After
	 * a server error it resolves too, writing nothing: end() rejects with that error.
	 */
	write(csv: string): Promise<void>;
	/** Ends the COPY: resolves once every row is stored, rejects with the server's error if none is. */
	end(): Promise<void>;
	/** Cancels the COPY: the server stores none of its rows. */
	abort(): Promise<void>;
	/** The server refused the COPY, or the connection was lost: further writes are dropped. */
	readonly failed: boolean;
}

/** Whether openCopy works on `db`: a PostgreSQL server (PGlite reads a COPY whole, from a Blob). */
export const canStreamCopy = (db: Db): boolean => !(clientOf(db) instanceof PGlite);

export async function openCopy(db: Db, table: string, columns: string[]): Promise<OpenCopy> {
	const client = clientOf(db);
	if (client instanceof PGlite) throw new Error('PGlite reads a COPY whole: use copyCsv');
	const release = await copySlot(client);
	let stream: Writable;
	try {
		stream = await client.unsafe(copyStatement(table, columns, 'stdin')).writable();
	} catch (error) {
		release();
		throw error;
	}
	// Watched from the start: an error from the server, or a lost connection, may come mid-write.
	const done = finished(stream);
	done.then(release, release);
	let failed = false;
	const settled = done.then(
		() => {},
		() => {
			failed = true;
		}
	);
	return {
		get failed() {
			return failed;
		},
		// A write whose connection is lost never calls back: the stream's end settles it instead.
		write: (csv) =>
			Promise.race([new Promise<void>((resolve) => stream.write(csv, () => resolve())), settled]),
		end: async () => {
			stream.end();
			await done;
		},
		abort: async () => {
			stream.destroy();
			await settled;
		}
	};
}

/**
 * postgres.js refuses a query at once (COPY_IN_PROGRESS) when every connection of its pool is in a COPY,
 * where it would otherwise wait for one: at most max - 2 COPYs are open at a time, the others wait here.
 */
const copySlots = new WeakMap<Sql, { free: number; waiting: (() => void)[] }>();

async function copySlot(client: Sql): Promise<() => void> {
	let slots = copySlots.get(client);
	if (!slots) copySlots.set(client, (slots = { free: Math.max(1, client.options.max - 2), waiting: [] }));
	const pool = slots;
	if (pool.free > 0) pool.free--;
	else await new Promise<void>((resolve) => pool.waiting.push(resolve));
	let released = false;
	return () => {
		if (released) return;
		released = true;
		const next = pool.waiting.shift();
		if (next) next();
		else pool.free++;
	};
}

/** One value of a CSV row for COPY: null is an unquoted empty field; any text is quoted, so '' stays ''. */
export const csvField = (text: string | null): string =>
	text === null ? '' : `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
