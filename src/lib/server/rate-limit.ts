// Ingestion is rate limited per API key: a token bucket of KEEPRATE_RATE_LIMIT requests per minute
// (default 600; 0 turns it off), refilled continuously. In memory: per process.
export interface RateLimiter {
	/** 0 when the request may go ahead, else the seconds to wait. */
	take(key: string, now?: number): number;
}

export function rateLimiter(perMinute: number): RateLimiter {
	const buckets = new Map<string, { tokens: number; at: number }>();
	const perMs = perMinute / 60_000;
	return {
		take(key, now = Date.now()) {
			if (perMinute <= 0) return 0;
			const b = buckets.get(key) ?? { tokens: perMinute, at: now };
			b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * perMs);
			b.at = now;
			buckets.set(key, b);
			if (b.tokens >= 1) {
				b.tokens -= 1;
				return 0;
			}
			return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
		}
	};
}
