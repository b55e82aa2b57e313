// COPY ... FROM, the fastest way into a table on both engines, which drizzle does not offer: run on the
// driver itself. PostgreSQL reads the rows as CSV (see csvField).
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Db } from './connection';
import { waitedTooLong, within } from './limits';

/** A COPY into a table, open for rows while they are still being made. */
export interface OpenCopy {
	/**
	 * Sends rows (CSV: csvField values, each row ending in a newline); resolves once they are on their way,
	 * so the next can be made. After a server error it resolves too, writing nothing: end() rejects.
	 */
	write(csv: string): Promise<void>;
	/**
	 * Ends the COPY, one statement in a transaction of its own: resolves once every row is stored, rejects
	 * with the server's error (a duplicate key, say) if none is.
	 */
	end(): Promise<void>;
	/** Cancels the COPY: none of its rows is stored. */
	abort(): Promise<void>;
	/** The server refused the COPY, or the connection was lost: further writes are dropped. */
	readonly failed: boolean;
}

/**
 * A COPY into `table` (`columns`). On a PostgreSQL server the rows stream to the server as they are
 * written, and it stores them while the next are made. PGlite runs in this process and reads a COPY whole,
 * from a Blob: the rows are kept until end().
 */
export async function openCopy(db: Db, table: string, columns: string[]): Promise<OpenCopy> {
	const client = (db as unknown as { $client?: PGlite | Sql }).$client;
	if (!client)
		throw new Error('COPY runs on the database itself, as a statement of its own, not in a transaction');
	const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
	const into = `copy ${quote(table)} (${columns.map(quote).join(', ')}) from`;
	return client instanceof PGlite
		? heldCopy(client, `${into} '/dev/blob' with (format csv)`)
		: streamedCopy(client, `${into} stdin with (format csv)`);
}

function heldCopy(client: PGlite, statement: string): OpenCopy {
	let parts: string[] = [];
	return {
		failed: false,
		write: async (csv) => {
			parts.push(csv);
		},
		end: async () => {
			await client.query(statement, [], { blob: new Blob(parts) });
		},
		abort: async () => {
			parts = [];
		}
	};
}

async function streamedCopy(client: Sql, statement: string): Promise<OpenCopy> {
	const release = await copySlot(client, client.options.queue_timeout * 1000);
	// postgres.js puts no query_timeout on streams: each step of a COPY keeps it here. On time out the COPY
	// is canceled, and its connection closed if the server does not answer the cancel either.
	const limitMs = client.options.query_timeout * 1000;
	const query = client.unsafe(statement);
	const timedOut = () => {
		query.cancel();
		return Object.assign(new Error(`the COPY got no answer within ${limitMs} ms`), { code: 'QUERY_TIMEOUT' });
	};
	let stream: Writable;
	try {
		stream = await within(query.writable(), limitMs, timedOut);
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
			within(
				Promise.race([new Promise<void>((resolve) => stream.write(csv, () => resolve())), settled]),
				limitMs,
				timedOut
			),
		end: async () => {
			stream.end();
			await within(done, limitMs, timedOut);
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

/** A COPY slot, waited for at most `waitMs` (0: as long as it takes), as queue_timeout would. */
async function copySlot(client: Sql, waitMs: number): Promise<() => void> {
	let slots = copySlots.get(client);
	if (!slots) copySlots.set(client, (slots = { free: Math.max(1, client.options.max - 2), waiting: [] }));
	const pool = slots;
	if (pool.free > 0) pool.free--;
	else {
		let turn: () => void = () => {};
		const given = new Promise<void>((resolve) => pool.waiting.push((turn = resolve)));
		await within(given, waitMs, () => {
			const at = pool.waiting.indexOf(turn);
			if (at >= 0) pool.waiting.splice(at, 1);
			return waitedTooLong(waitMs);
		});
	}
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
