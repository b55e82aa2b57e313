// Every setting keeprate reads, in one place (documented in README "Configuration").
import { resolve } from 'node:path';

export interface Config {
	databaseUrl?: string;
	dataDir: string;
	initApiKey?: string;
	demo: boolean;
	/** The dashboard's public address, for links in the weekly digest and the setup link. */
	publicUrl: string;
	initAdmin?: { email: string; password: string };
	/** Ingestion requests per minute per API key; 0: no limit. */
	rateLimitPerMinute: number;
	/** Hosts that outbound requests (the digest webhook) may reach even at a private address. */
	outboundAllowHosts: string[];
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	return {
		databaseUrl: env.DATABASE_URL || undefined,
		outboundAllowHosts: (env.KEEPRATE_OUTBOUND_ALLOW_HOSTS ?? '')
			.split(',')
			.map((h) => h.trim())
			.filter(Boolean),
		// `npm run dev` keeps its own folder: a dev server next to `npm start` would share one otherwise.
		dataDir: resolve(env.KEEPRATE_DATA_DIR || (env.NODE_ENV === 'development' ? './data-dev' : './data')),
		initApiKey: env.KEEPRATE_INIT_API_KEY || undefined,
		demo: ['1', 'true', 'yes'].includes((env.KEEPRATE_DEMO ?? '').toLowerCase()),
		rateLimitPerMinute: Number.isFinite(Number(env.KEEPRATE_RATE_LIMIT ?? 600))
			? Number(env.KEEPRATE_RATE_LIMIT ?? 600)
			: 600,
		initAdmin:
			env.KEEPRATE_INIT_ADMIN_EMAIL && env.KEEPRATE_INIT_ADMIN_PASSWORD
				? { email: env.KEEPRATE_INIT_ADMIN_EMAIL, password: env.KEEPRATE_INIT_ADMIN_PASSWORD }
				: undefined,
		publicUrl: (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '')
	};
}
