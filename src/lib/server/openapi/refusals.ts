// What each refusal means, as the handlers answer it (errors.ts, http.ts), with an example body.
import type { Refusal, Route } from './routes';

interface ErrorExample {
	error: string;
	issues?: { index?: number; path: string; message: string }[];
	conflicts?: string[];
}

interface Described {
	description: string;
	/** The same for every route, or as the route answers it. */
	example: ErrorExample | ((route: Route) => ErrorExample);
	/** Sent with a Retry-After header: wait that many seconds, then send again. */
	retryAfter?: true;
}

export const REFUSALS: Record<Refusal | 401 | 503, Described> = {
	400: {
		description: 'Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch)',
		example: (route) => INVALID[route.operationId] ?? INVALID.query
	},
	401: {
		description: 'No API key, or an unknown or revoked one',
		example: { error: 'missing API key: send "Authorization: Bearer <api key>"' }
	},
	403: {
		description: 'The key lacks the scope, or the request names a project outside the key’s projects',
		example: (route) => ({ error: `this API key lacks the "${route.scope}" scope` })
	},
	404: {
		description: 'No attempt with this id in the key’s workspace',
		example: { error: 'no attempt with id "shot-12-take-9"' }
	},
	409: {
		description:
			'Ids sent before with other content (only verdict and rejectReason may change): nothing stored',
		example: {
			error:
				'1 attempt id(s) were sent before with different content; only verdict and rejectReason may change on a resend. Nothing was stored.',
			conflicts: ['shot-12-take-3']
		}
	},
	413: {
		description: 'The body is over 5 MB (64 KB for a verdict); the connection closes after the answer',
		example: { error: 'the body is larger than 5 MB: send fewer attempts per request' }
	},
	415: {
		description: 'An import that is neither text/csv nor application/x-ndjson',
		example: {
			error: 'an import is text/csv or application/x-ndjson',
			issues: [{ path: 'content-type', message: 'application/json is not text/csv or application/x-ndjson' }]
		}
	},
	422: {
		description:
			'Valid, but cannot be priced: no costUsd, and the price book has no price for the model and resolution',
		example: {
			error: 'attempts that cannot be priced: nothing was stored',
			issues: [
				{ index: 0, path: 'model', message: 'no price for model "house-model" at 1280x720: send costUsd' }
			]
		}
	},
	429: {
		description: 'Too many ingestion requests for this key (KEEPRATE_RATE_LIMIT a minute)',
		example: { error: 'too many requests for this API key: retry in 3 s' },
		retryAfter: true
	},
	503: {
		description:
			'The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id)',
		example: {
			error:
				'the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)'
		},
		retryAfter: true
	}
};

/** A 400 as each operation answers it: a body's problems, a file's, a path's, a query's. */
const INVALID: Record<string, ErrorExample> = {
	logAttempts: {
		error: 'invalid attempts: nothing was stored',
		issues: [{ index: 3, path: 'durationSeconds', message: 'Too small: expected number to be >0' }]
	},
	getAttempt: {
		error: 'invalid attempt id in the path',
		issues: [{ path: 'id', message: 'must not start or end with a space' }]
	},
	setVerdict: {
		error: 'invalid verdict',
		issues: [{ path: 'rejectReason', message: 'goes only with verdict "reject"' }]
	},
	importFile: {
		error: 'the file is empty: a CSV import starts with a header row',
		issues: [{ path: 'header', message: 'missing' }]
	},
	weekly: {
		error: 'invalid query parameters',
		issues: [{ path: 'week', message: 'must be an ISO week, e.g. 2026-W48' }]
	},
	query: {
		error: 'invalid query parameters',
		issues: [
			{ path: 'from', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone' }
		]
	}
};
