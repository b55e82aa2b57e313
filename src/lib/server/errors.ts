// One error shape for the API: {"error": ..., "issues": [{index, path, message}]}, mapped in one place.
import { json } from '@sveltejs/kit';
import type { z } from 'zod';

export interface Issue {
	index?: number;
	path: string;
	message: string;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly issues: Issue[] = [],
		readonly extra: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

/** 'tags[2]', 'metadata.source': the path as a client reads it. */
export function formatPath(path: readonly PropertyKey[]): string {
	return path.reduce<string>((out, key) => {
		if (typeof key === 'number') return `${out}[${key}]`;
		return out ? `${out}.${String(key)}` : String(key);
	}, '');
}

export function zodIssues(error: z.ZodError, index?: number): Issue[] {
	return error.issues.map((issue) => ({
		...(index === undefined ? {} : { index }),
		path: formatPath(issue.path),
		message: issue.message
	}));
}

export function errorResponse(error: ApiError): Response {
	const body: Record<string, unknown> = { error: error.message, ...error.extra };
	if (error.issues.length > 0) body.issues = error.issues;
	return json(body, { status: error.status, headers: error.headers });
}

/**
 * Connection errors of the drivers and sockets, too many connections (PostgreSQL's 53300), and the
 * deadlines of db/limits.ts: a query the client gave up on (QUERY_TIMEOUT, CANCEL_UNANSWERED), one that
 * waited too long for a connection (QUEUE_TIMEOUT), and the server's statement_timeout (57014),
 * lock_timeout (55P03) and idle_in_transaction_session_timeout (25P03).
 */
const UNAVAILABLE = new Set([
	'CONNECTION_CLOSED',
	'CONNECTION_DESTROYED',
	'CONNECTION_ENDED',
	'CONNECT_TIMEOUT',
	'QUERY_TIMEOUT',
	'QUEUE_TIMEOUT',
	'CANCEL_UNANSWERED',
	'57014',
	'55P03',
	'25P03',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'53300'
]);

/**
 * Whether `error`, or one it wraps (drizzle wraps the driver's error in its own), carries a code (a
 * SQLSTATE, or a driver's or socket's code) for which `test` holds.
 */
export function hasErrorCode(error: unknown, test: (code: string) => boolean): boolean {
	for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		const code = (e as Error & { code?: unknown }).code;
		if (typeof code === 'string' && test(code)) return true;
	}
	return false;
}

/**
 * Whether `error` says that the database could not be reached or went away: the codes above, and
 * PostgreSQL's classes 08 (connection) and 57P (shutdown).
 */
export const databaseUnavailable = (error: unknown): boolean =>
	hasErrorCode(error, (code) => UNAVAILABLE.has(code) || code.startsWith('08') || code.startsWith('57P'));

/** Seconds a client should wait before sending again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** A 503 always says when to come back. */
export const unavailable = (message: string): ApiError =>
	new ApiError(503, message, [], {}, { 'retry-after': String(RETRY_AFTER_SECONDS) });
