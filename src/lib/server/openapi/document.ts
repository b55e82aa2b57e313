// The OpenAPI 3.1 document, built from the routes' zod schemas (routes.ts) with zod's own JSON Schema
// conversion (draft 2020-12, the dialect OpenAPI 3.1 uses). Pure; built once per process.
import { z } from 'zod';
import { attemptSchema, verdictPatchSchema } from '$lib/schemas/attempt';
import { ROUTES, attemptsBodySchema, batchSchema, type Content, type Refusal, type Route } from './routes';
import * as answers from './responses';
import { REFUSALS } from './refusals';

type Json = Record<string, unknown>;

/** Named schemas, shown once under components and referred to: what the client's types are named after. */
const REQUESTS: Record<string, z.ZodType> = {
	Attempt: attemptSchema,
	AttemptBatch: batchSchema,
	AttemptOrBatch: attemptsBodySchema,
	VerdictPatch: verdictPatchSchema
};
const ANSWERS: Record<string, z.ZodType> = {
	Error: answers.errorSchema,
	IngestResult: answers.ingestResultSchema,
	PublicAttempt: answers.publicAttemptSchema,
	ModelRow: answers.modelRowSchema,
	Comparison: answers.comparisonSchema,
	Summary: answers.summarySchema,
	Advice: answers.adviceSchema,
	SegmentAdvice: answers.segmentAdviceSchema,
	PairAdvice: answers.pairAdviceSchema,
	Recommendations: answers.recommendationsSchema,
	ShotStats: answers.shotStatsSchema,
	Shots: answers.shotsSchema,
	WeeklyReview: answers.weeklyAnswerSchema,
	ImportReport: answers.importReportSchema,
	RejectReasons: answers.rejectReasonsSchema,
	Health: answers.healthSchema
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A request is described as it is sent (before defaults and transforms), an answer as it is built. */
function components(named: Record<string, z.ZodType>, io: 'input' | 'output') {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
	const { schemas } = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io,
		unrepresentable: 'any',
		uri: (id) => `#/components/schemas/${id}`
	});
	return Object.fromEntries(
		Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema])
	);
}

/** A schema by its component name when it has one, else inline. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
	const named = io === 'input' ? REQUESTS : ANSWERS;
	const name = Object.keys(named).find((id) => named[id] === schema);
	if (name) return ref(name);
	const { $schema: _s, ...inline } = z.toJSONSchema(schema, {
		target: 'draft-2020-12',
		io,
		unrepresentable: 'any'
	});
	return inline;
}

function content(c: Content, io: 'input' | 'output'): Json {
	if ('json' in c) return { 'application/json': { schema: schemaOf(c.json, io), example: c.example } };
	return Object.fromEntries(
		Object.entries(c.text).map(([type, example]) => [type, { schema: { type: 'string' }, example }])
	);
}

/** Query and path parameters, one per property of their object schema. */
function parameters(where: 'query' | 'path', schema: z.ZodType | undefined): Json[] {
	if (!schema) return [];
	const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
	const required = new Set((json.required as string[] | undefined) ?? []);
	return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, s]) => ({
		name,
		in: where,
		required: where === 'path' || required.has(name),
		...(PARAMETER_DOCS[name] ? { description: PARAMETER_DOCS[name] } : {}),
		schema: s
	}));
}

const PARAMETER_DOCS: Record<string, string> = {
	from: 'Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset',
	to: 'End of the range, excluded; as `from`',
	project: 'A project slug; a key restricted to projects must name one of them',
	model: 'A model id',
	tag: 'A scene tag; repeat it to ask for attempts with every tag',
	whatIf: 'The dimension the what-if runs over',
	segmentsBy: 'The dimension advised segment by segment (default: the what-if’s)',
	week: 'An ISO week, e.g. 2026-W48 (default: the current one)',
	laborUsdPerHour:
		'US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate',
	dryRun: 'true: validate, price and classify every line, store nothing',
	id: 'The attempt’s id, as it was sent'
};

function refusal(status: Refusal | 401 | 503, route: Route): Json {
	const { description, example: exampleFor, retryAfter } = REFUSALS[status];
	const example = typeof exampleFor === 'function' ? exampleFor(route) : exampleFor;
	return {
		description,
		...(retryAfter ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
		content: { 'application/json': { schema: ref('Error'), example } }
	};
}

function operation(route: Route): Json {
	const statuses: (Refusal | 401)[] = [...(route.refuses ?? [])];
	if (route.scope) statuses.push(401, 403);
	const responses: Json = {
		200: { description: route.summary, content: content(route.answer, 'output') }
	};
	for (const status of [...new Set(statuses)].sort()) responses[status] = refusal(status, route);
	if (route.unavailable !== false) {
		responses[503] = route.unavailable
			? {
					...refusal(503, route),
					description: 'Not ready: the database is not migrated or does not answer',
					content: content(route.unavailable, 'output')
				}
			: refusal(503, route);
	}
	return {
		operationId: route.operationId,
		tags: [route.tag],
		summary: route.summary,
		...(route.description ? { description: route.description } : {}),
		security: route.scope ? [{ apiKey: [route.scope] }] : [],
		parameters: [...parameters('path', route.params), ...parameters('query', route.query)],
		...(route.body ? { requestBody: { required: true, content: content(route.body, 'input') } } : {}),
		responses
	};
}

function build(): Json {
	const paths: Record<string, Json> = {};
	for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
	return {
		openapi: '3.1.0',
		info: {
			title: 'keeprate API',
			version: 'v1',
			description:
				'Cost and retake-rate analytics for AI video generation. Every call but the health check and this document takes `Authorization: Bearer <api key>`; keys are made in Settings → API keys with the `ingest` scope (writes), `read` (figures and exports) or both. Every refusal is JSON in one shape (`Error`) and stores nothing.',
			license: { name: 'MIT', identifier: 'MIT' }
		},
		tags: [
			{ name: 'Attempts', description: 'Log attempts, late verdicts, imports' },
			{ name: 'Figures', description: 'What the dashboard shows, as JSON' },
			{ name: 'Exports', description: 'CSV downloads' },
			{ name: 'Service', description: 'Health and this document' }
		],
		paths,
		components: {
			schemas: { ...components(REQUESTS, 'input'), ...components(ANSWERS, 'output') },
			securitySchemes: {
				apiKey: {
					type: 'http',
					scheme: 'bearer',
					description:
						'An API key (kr_...) from Settings → API keys. Its scopes (`ingest`, `read`) are listed on each operation; a key restricted to projects writes and reads only those (403 otherwise).'
				}
			},
			headers: {
				RetryAfter: {
					description: 'Seconds to wait before sending again',
					schema: { type: 'integer', minimum: 1 }
				}
			}
		}
	};
}

let built: Json | undefined;

/** The document: built on first use, the same object afterwards (it depends only on the code). */
export const openApiDocument = (): Json => (built ??= build());
