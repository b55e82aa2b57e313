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
}

/** Whether openCopy works on `db`: a PostgreSQL server (PGlite reads a COPY whole, from a Blob). */
export const canStreamCopy = (db: Db): boolean => !(clientOf(db) instanceof PGlite);

export async function openCopy(db: Db, table: string, columns: string[]): Promise<OpenCopy> {
	const client = clientOf(db);
	if (client instanceof PGlite) throw new Error('PGlite reads a COPY whole: use copyCsv');
	const stream: Writable = await client.unsafe(copyStatement(table, columns, 'stdin')).writable();
	// Watched from the start: an error from the server may come while rows are still being written.
	const done = finished(stream);
	done.catch(() => {});
	return {
		write: (csv) => new Promise<void>((resolve) => stream.write(csv, () => resolve())),
		end: async () => {
			stream.end();
			await done;
		},
		abort: async () => {
			stream.destroy();
			await done.catch(() => {});
		}
	};
}

/** One value of a CSV row for COPY: null is an unquoted empty field; any text is quoted, so '' stays ''. */
export const csvField = (text: string | null): string =>
	text === null ? '' : `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
