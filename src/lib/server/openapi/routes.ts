// Every route of the API, as the OpenAPI document describes it: one entry per method and path. A route
// added under src/routes/api needs its entry here (tests/unit/openapi.test.ts fails until it has one).
import { z } from 'zod';
import { attemptId, attemptSchema, MAX_BATCH, verdictPatchSchema } from '$lib/schemas/attempt';
import { filtersSchema } from '$lib/schemas/filters';
import {
	importQuerySchema,
	laborQueryExtra,
	recommendationsQueryExtra,
	weeklyQuerySchema
} from '$lib/schemas/queries';
import type { Scope } from '../api-keys';
import * as answers from './responses';
import * as examples from './examples';

/** What a route may refuse with, besides 401 and 403 (any route with a key) and 503 (every route). */
export type Refusal = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

export type Content =
	| { json: z.ZodType; example: unknown }
	/** Text formats (CSV, NDJSON), by media type, each with an example. */
	| { text: Record<string, string> };

export interface Route {
	method: 'get' | 'post' | 'patch' | 'put' | 'delete';
	/** As OpenAPI writes it: /api/v1/attempts/{id}. */
	path: string;
	/** Also the client's method name where it has one. */
	operationId: string;
	tag: 'Attempts' | 'Figures' | 'Exports' | 'Service';
	summary: string;
	description?: string;
	/** The scope the bearer API key needs; no scope: no key. */
	scope?: Scope;
	params?: z.ZodObject;
	query?: z.ZodType;
	body?: Content;
	answer: Content;
	refuses?: Refusal[];
	/** What a 503 answers: the error shape unless given; false: the route never needs the database. */
	unavailable?: Content | false;
}

/** One attempt or a batch: what POST /api/v1/attempts takes (ingest/prepare.ts splitBody). */
export const batchSchema = z.strictObject({ attempts: z.array(attemptSchema).min(1).max(MAX_BATCH) });
export const attemptsBodySchema = z.union([attemptSchema, batchSchema]);

const idParam = z.strictObject({ id: attemptId });
const recommendationsQuery = filtersSchema.safeExtend(recommendationsQueryExtra);
const laborQuery = filtersSchema.safeExtend(laborQueryExtra);
const csv = (example: string): Content => ({ text: { 'text/csv': example } });

export const ROUTES: Route[] = [
	{
		method: 'post',
		path: '/api/v1/attempts',
		operationId: 'logAttempts',
		tag: 'Attempts',
		summary: 'Log one attempt or a batch of up to 1000',
		description:
			'A batch is atomic: stored whole or not at all, answered once committed. The same id with the same content is a duplicate; with only verdict, rejectReason or reviewSeconds changed, an update; anything else a 409 conflict.',
		scope: 'ingest',
		body: { json: attemptsBodySchema, example: examples.batchExample },
		answer: { json: answers.ingestResultSchema, example: examples.ingestResultExample },
		refuses: [400, 403, 409, 413, 422, 429]
	},
	{
		method: 'get',
		path: '/api/v1/attempts/{id}',
		operationId: 'getAttempt',
		tag: 'Attempts',
		summary: 'One attempt: its fields as sent, how it was priced, who gave the verdict',
		scope: 'read',
		params: idParam,
		answer: { json: answers.publicAttemptSchema, example: examples.publicAttemptExample },
		refuses: [400, 404]
	},
	{
		method: 'patch',
		path: '/api/v1/attempts/{id}',
		operationId: 'setVerdict',
		tag: 'Attempts',
		summary: 'A late verdict',
		scope: 'ingest',
		params: idParam,
		body: { json: verdictPatchSchema, example: examples.verdictPatchExample },
		answer: { json: answers.publicAttemptSchema, example: examples.publicAttemptExample },
		refuses: [400, 404, 413, 429]
	},
	{
		method: 'post',
		path: '/api/v1/imports',
		operationId: 'importFile',
		tag: 'Attempts',
		summary: 'Import a CSV or NDJSON file of attempts, line by line',
		description:
			'CSV: a header row naming the columns of attempts.csv. NDJSON: one attempt per line, as POST /api/v1/attempts takes it. Each line is stored or refused on its own; `dryRun=true` stores nothing.',
		scope: 'ingest',
		query: importQuerySchema,
		body: {
			text: { 'text/csv': examples.attemptsCsvExample, 'application/x-ndjson': examples.ndjsonExample }
		},
		answer: { json: answers.importReportSchema, example: examples.importReportExample },
		refuses: [400, 403, 415, 429]
	},
	{
		method: 'get',
		path: '/api/v1/summary',
		operationId: 'summary',
		tag: 'Figures',
		summary: 'Per-model figures and per-family comparisons over [from, to)',
		scope: 'read',
		query: laborQuery,
		answer: { json: answers.summarySchema, example: examples.summaryExample },
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/v1/recommendations',
		operationId: 'recommendations',
		tag: 'Figures',
		summary: 'Tier advice per family pair, per segment, and the what-if',
		scope: 'read',
		query: recommendationsQuery,
		answer: { json: answers.recommendationsSchema, example: examples.recommendationsExample },
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/v1/shots',
		operationId: 'shots',
		tag: 'Figures',
		summary: 'Shots per model: attempts and cost to the first keep, abandoned shots, review labour',
		scope: 'read',
		query: laborQuery,
		answer: { json: answers.shotsSchema, example: examples.shotsExample },
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/v1/reject-reasons',
		operationId: 'rejectReasons',
		tag: 'Figures',
		summary: 'Why clips fail: decided attempts not kept, per reject category, in total and per model',
		scope: 'read',
		query: laborQuery,
		answer: { json: answers.rejectReasonsSchema, example: examples.rejectReasonsExample },
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/v1/weekly',
		operationId: 'weekly',
		tag: 'Figures',
		summary: 'The weekly review of one ISO week in the workspace time zone',
		scope: 'read',
		query: weeklyQuerySchema,
		answer: { json: answers.weeklyAnswerSchema, example: examples.weeklyExample },
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/v1/attempts.csv',
		operationId: 'attemptsCsv',
		tag: 'Exports',
		summary: 'Every attempt in [from, to) as CSV, streamed; it imports back exactly',
		scope: 'read',
		query: filtersSchema,
		answer: csv(examples.attemptsCsvExample),
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/v1/weekly.csv',
		operationId: 'weeklyCsv',
		tag: 'Exports',
		summary: 'Figures per ISO week and model in [from, to) as CSV',
		scope: 'read',
		query: laborQuery,
		answer: csv(examples.weeklyCsvExample),
		refuses: [400]
	},
	{
		method: 'get',
		path: '/api/health',
		operationId: 'health',
		tag: 'Service',
		summary: '200 once the database is migrated and answers; 503 otherwise',
		answer: { json: answers.healthSchema, example: examples.healthExample },
		unavailable: {
			json: answers.healthSchema,
			example: { ...examples.healthExample, status: 'unavailable' }
		}
	},
	{
		method: 'get',
		path: '/api/v1/openapi.json',
		operationId: 'openapi',
		tag: 'Service',
		summary: 'This document',
		answer: { json: z.record(z.string(), z.unknown()), example: { openapi: '3.1.0' } },
		unavailable: false
	}
];
