// Sign-in throttling after OWASP's Authentication Cheat Sheet ("Login Throttling"), counted in the
// database so that every instance on one PostgreSQL sees the same failures. Within 15 minutes:
// - 10 failures for one email from one client refuse that email from that client only: a stranger
//   elsewhere cannot lock the owner out;
// - 20 failures from one client, whatever the emails, refuse that client: no spraying many emails.
// Refused attempts are not counted, so a refusal ends when the window has passed over the failures.
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { signInFailures } from '../db/schema';

export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_CLIENT = 20;
export const WINDOW_MS = 15 * 60_000;

export interface Throttle {
	/** 'email': this email from this client; 'client': every email from this client. */
	scope: 'email' | 'client';
	retryAfter: number;
}

/** Whether this client may try this email now; if not, which limit it hit and for how long. */
export async function checkThrottle(
	db: Db,
	email: string,
	client: string,
	now = new Date()
): Promise<Throttle | null> {
	const since = new Date(now.getTime() - WINDOW_MS);
	const fromClient = and(eq(signInFailures.client, client), gt(signInFailures.at, since));
	const [row] = await db
		.select({
			client: sql<number>`count(*)`.mapWith(Number),
			email: sql<number>`count(*) filter (where ${signInFailures.email} = ${email})`.mapWith(Number)
		})
		.from(signInFailures)
		.where(fromClient);
	const waits: Throttle[] = [];
	if (row.email >= MAX_FAILURES_PER_EMAIL) {
		const where = and(fromClient, eq(signInFailures.email, email));
		waits.push({
			scope: 'email',
			retryAfter: await untilBelow(db, where, row.email, MAX_FAILURES_PER_EMAIL, now)
		});
	}
	if (row.client >= MAX_FAILURES_PER_CLIENT) {
		waits.push({
			scope: 'client',
			retryAfter: await untilBelow(db, fromClient, row.client, MAX_FAILURES_PER_CLIENT, now)
		});
	}
	return waits.sort((a, b) => b.retryAfter - a.retryAfter)[0] ?? null;
}

/** Seconds until enough of the `count` failures matching `where` leave the window to fall below `max`. */
async function untilBelow(
	db: Db,
	where: ReturnType<typeof and>,
	count: number,
	max: number,
	now: Date
): Promise<number> {
	const [row] = await db
		.select({ at: signInFailures.at })
		.from(signInFailures)
		.where(where)
		.orderBy(asc(signInFailures.at))
		.offset(count - max)
		.limit(1);
	const leaves = (row ? new Date(row.at).getTime() : now.getTime()) + WINDOW_MS;
	return Math.max(1, Math.ceil((leaves - now.getTime()) / 1000));
}

export async function recordFailure(db: Db, email: string, client: string, now = new Date()): Promise<void> {
	await db.insert(signInFailures).values({ email, client, at: now });
	await db.delete(signInFailures).where(lte(signInFailures.at, new Date(now.getTime() - WINDOW_MS)));
}

/** A right password from a client forgets that client's failures for that email (not its other ones). */
export async function clearFailures(db: Db, email: string, client: string): Promise<void> {
	await db
		.delete(signInFailures)
		.where(and(eq(signInFailures.email, email), eq(signInFailures.client, client)));
}
