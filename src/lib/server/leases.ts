// Work that one instance of the app at a time should do, when several run on one database: a named lease
// in the leases table. The instance that holds it (or finds it lapsed) takes it for `ms` in one statement,
// so two instances asking at once queue on the row and only one gets it. A holder that dies lets it lapse.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from './db/connection';
import { rowsOf } from './rollups/compact';

/** This process, as a lease holder. */
export const THIS_INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Takes or renews the lease `name` for `ms`; false while another instance holds it. */
export async function holdLease(db: Db, name: string, ms: number, holder = THIS_INSTANCE): Promise<boolean> {
	const held = rowsOf(
		await db.execute(sql`insert into leases (name, holder, until)
			values (${name}, ${holder}, clock_timestamp() + ${ms} * interval '1 millisecond')
			on conflict (name) do update set holder = excluded.holder, until = excluded.until
			where leases.holder = excluded.holder or leases.until < clock_timestamp()
			returning holder`)
	);
	return held.length > 0;
}

/** Gives the lease up at once (a graceful stop), so that another instance need not wait for it to lapse. */
export async function releaseLease(db: Db, name: string, holder = THIS_INSTANCE): Promise<void> {
	await db.execute(sql`update leases set until = clock_timestamp() - interval '1 second'
		where name = ${name} and holder = ${holder}`);
}
