// More than 10 failed sign-ins for one email within 15 minutes: refused (429) until the window passes.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { signInFailures } from '../db/schema';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

/** Seconds until the email may try again, or 0 when it may try now. */
export async function retryAfterSeconds(db: Db, email: string, now = new Date()): Promise<number> {
	const [row] = await db
		.select({
			n: sql<number>`count(*)`.mapWith(Number),
			oldest: sql<string | null>`min(${signInFailures.at})`
		})
		.from(signInFailures)
		.where(and(eq(signInFailures.email, email), gte(signInFailures.at, new Date(now.getTime() - WINDOW_MS))));
	if (row.n < MAX_FAILURES || !row.oldest) return 0;
	// The window reopens when enough of the failures in it have aged out; waiting for the oldest is simple and safe.
	return Math.max(1, Math.ceil((new Date(row.oldest).getTime() + WINDOW_MS - now.getTime()) / 1000));
}

export async function recordFailure(db: Db, email: string, now = new Date()): Promise<void> {
	await db.insert(signInFailures).values({ email, at: now });
	await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - WINDOW_MS)));
}
