// Ingestion is rate limited per API key: a token bucket of KEEPRATE_RATE_LIMIT requests per minute
// (default 600; 0 turns it off), refilled continuously. The buckets are rows of rate_limit_buckets, so
// that every instance of the app on one database counts against the same limit; taking a token is one
// statement, atomic under concurrent requests (the row is locked by the upsert).
import { sql } from 'drizzle-orm';
import type { Db } from './db/connection';
import { rowsOf } from './rollups/compact';

export interface RateLimiter {
	/** 0 when the request may go ahead, else the seconds to wait. */
	take(key: string): Promise<number>;
}

export function rateLimiter(db: Db, perMinute: number): RateLimiter {
	const perSecond = perMinute / 60;
	// The bucket as it stands now: what it held, plus what the time since refilled, up to a full bucket.
	const refilled = sql`least(${perMinute}::float8,
		b.tokens + extract(epoch from (clock_timestamp() - b.at)) * ${perSecond}::float8)`;
	return {
		async take(key) {
			if (perMinute <= 0) return 0;
			const taken = rowsOf(
				await db.execute(sql`insert into rate_limit_buckets as b (key, tokens, at)
					values (${key}, ${perMinute - 1}::float8, clock_timestamp())
					on conflict (key) do update set tokens = ${refilled} - 1, at = clock_timestamp()
					where ${refilled} >= 1
					returning b.tokens`)
			);
			if (taken.length > 0) return 0;
			const [bucket] = rowsOf(
				await db.execute(sql`select ${refilled} as tokens from rate_limit_buckets as b where key = ${key}`)
			);
			const missing = 1 - Number(bucket?.tokens ?? 0);
			return Math.max(1, Math.ceil(missing / perSecond));
		}
	};
}
