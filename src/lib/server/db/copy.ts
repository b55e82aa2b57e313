// COPY ... FROM STDIN, the fastest way into a table on both engines, which drizzle does not offer: run on
// the driver itself. PostgreSQL reads the rows as CSV (see csvField).
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Db } from './connection';

/**
 * COPY `csv` (rows of csvField values, each ending in a newline) into `table` (`columns`), as one
 * statement in a transaction of its own: every row is stored, or none. Settles once the server has
 * answered: with its error, if any (a duplicate key, say).
 */
export async function copyCsv(db: Db, table: string, columns: string[], csv: string): Promise<void> {
	const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
	const into = `copy ${quote(table)} (${columns.map(quote).join(', ')}) from`;
	const client = (db as unknown as { $client?: PGlite | Sql }).$client;
	if (!client)
		throw new Error('COPY runs on the database itself, in a transaction of its own: not in a transaction');
	if (client instanceof PGlite) {
		// PGlite runs in this process: COPY reads the rows from a Blob it mounts as /dev/blob.
		await client.query(`${into} '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
		return;
	}
	const stream: Writable = await client.unsafe(`${into} stdin with (format csv)`).writable();
	stream.end(csv);
	await finished(stream);
}

/** One value of a CSV row for COPY: null is an unquoted empty field; any text is quoted, so '' stays ''. */
export const csvField = (text: string | null): string =>
	text === null ? '' : `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
