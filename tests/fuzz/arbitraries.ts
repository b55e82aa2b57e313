// Hostile API requests, shaped after src/lib/schemas: valid attempts mutated field by field, batches
// mixing good and bad items, raw bodies, query strings for every read route, path ids. `@T@` in a request
// stands for a tag unique to it (replaced when it is sent), so what a refused write must not have stored
// can be looked up afterwards.
import fc from 'fast-check';

export const TAG = '@T@';

/** A JSON token written as is: numbers JSON.stringify cannot write (1e999), nesting, broken text. */
export class Raw {
	constructor(readonly text: string) {}
}

export interface FuzzRequest {
	/** The route as reported in the summary, e.g. 'GET /api/v1/summary'. */
	route: string;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string | Uint8Array;
	/**
	 * A write: the tagged ids and project that a refusal must leave unstored. `partial`: a 200 may have
	 * stored some lines and refused others (an import), so an accepted write is not read back.
	 */
	writes?: { ids: string[]; project: string; partial?: boolean };
	/** A PATCH of an attempt stored first (pending, no reason), which a refusal must leave so. */
	patchTarget?: string;
}

/** JSON text of a value that may hold Raw tokens. */
export function toJson(value: unknown): string {
	if (value instanceof Raw) return value.text;
	if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.keys(value).map(
			(k) => `${JSON.stringify(k)}:${toJson((value as Record<string, unknown>)[k])}`
		);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

const nested = (levels: number, open: '{' | '[') =>
	new Raw(
		open === '{' ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels) : '['.repeat(levels) + ']'.repeat(levels)
	);

const BAD_DATES = [
	'+275760-09-13T00:00:00Z',
	'-271821-04-20T00:00:00Z',
	'+200000-01-01T00:00:00Z',
	'0000-01-01T00:00:00Z',
	'1999-12-31T23:59:59Z',
	'2201-01-01T00:00:00Z',
	'9999-12-31T23:59:59.999Z',
	'2026-02-30T00:00:00Z',
	'2026-13-01T00:00:00Z',
	'2099-01-01T00:00:00Z',
	'2026-06-01',
	'2026-06-01T10:00:00',
	'2026-06-01T25:61:00Z',
	'2026-06-01T10:00:00+99:99'
];

const WEIRD_STRINGS = [
	'',
	' ',
	'\u0000',
	'a\u0000b',
	'\ud800',
	'x\udfffy',
	'\ud83c\udfac',
	'\ufeff',
	'\u202e',
	'x'.repeat(10_000),
	'é'.repeat(5_000),
	'NaN',
	'Infinity',
	'-1',
	'1e309',
	'__proto__',
	'constructor',
	'=HYPERLINK("http://x")',
	"'; drop table attempts; --",
	'%00',
	'%ff',
	'\\',
	'"',
	'\r\n'
];

const NUMBERS = [0, -0, -1, 1e-320, 3600.0000001, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1_000_000.01];
const RAW_NUMBERS = ['1e999', '-1e999', '1e-999', '00', '-0', '1.', '.5', '+1', 'NaN', 'Infinity', '0x10'];

/** Any value a hostile client might put in a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	{
		arbitrary: fc.constantFrom<unknown>(...WEIRD_STRINGS, ...BAD_DATES, ...NUMBERS, null, true, false),
		weight: 6
	},
	{ arbitrary: fc.constantFrom(...RAW_NUMBERS).map((t) => new Raw(t)), weight: 2 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
	{ arbitrary: fc.double(), weight: 1 },
	{ arbitrary: fc.integer(), weight: 1 },
	{ arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }), weight: 1 },
	{ arbitrary: fc.object({ maxDepth: 2 }), weight: 1 },
	{
		arbitrary: fc
			.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom<'{' | '['>('{', '['))
			.map(([n, o]) => nested(n, o)),
		weight: 1
	}
);

const FIELDS = [
	'id',
	'project',
	'model',
	'durationSeconds',
	'resolution',
	'costUsd',
	'verdict',
	'rejectReason',
	'reviewSeconds',
	'status',
	'createdAt',
	'shotId',
	'tags',
	'prompt',
	'generationSeconds',
	'creator',
	'videoUrl',
	'metadata'
];
const UNKNOWN_FIELDS = [
	'extra',
	'__proto__',
	'constructor',
	'ID',
	'id ',
	'attempts',
	'workspaceId',
	'costMicros',
	''
];

/** A valid attempt (priced by costUsd, or by the catalog for sora-2-pro at 1280x720); `i` tells it from its siblings. */
export const validAttempt = (i: number): fc.Arbitrary<Record<string, unknown>> =>
	fc
		.record(
			{
				model: fc.constantFrom('sora-2-pro', 'veo-3.1-fast-generate-preview', 'in-house-model'),
				durationSeconds: fc.integer({ min: 1, max: 60 }),
				costUsd: fc.double({ min: 0, max: 100, noNaN: true }),
				verdict: fc.constantFrom('keep', 'reject', 'pending'),
				createdAt: fc
					.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 10, 30) })
					.map((ms) => new Date(ms).toISOString()),
				tags: fc.array(fc.constantFrom('close-up', 'high-motion', 'fine texture'), { maxLength: 3 }),
				shotId: fc.constantFrom('shot-1', 'shot-2'),
				generationSeconds: fc.integer({ min: 0, max: 600 }),
				reviewSeconds: fc.double({ min: 0, max: 86_400, noNaN: true }),
				creator: fc.constantFrom('ana', 'bo'),
				metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
			},
			{ requiredKeys: ['model', 'durationSeconds'] }
		)
		// A review time goes with a verdict.
		.map(({ reviewSeconds, ...a }) =>
			reviewSeconds === undefined || a.verdict === undefined ? a : { ...a, reviewSeconds }
		)
		.map((a) => ({
			id: `fz-${TAG}-${i}`,
			project: `fz-${TAG}`,
			resolution: '1280x720',
			...a,
			...(a.model === 'sora-2-pro' || a.costUsd !== undefined ? {} : { costUsd: 1 })
		}));

type Mutation = { kind: 'set'; field: string; value: unknown } | { kind: 'delete'; field: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...FIELDS), value: hostileValue }),
	fc.record({
		kind: fc.constant('set' as const),
		field: fc.constantFrom(...UNKNOWN_FIELDS),
		value: hostileValue
	}),
	fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...FIELDS) })
);

function mutate(attempt: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
	const out: Record<string, unknown> = { ...attempt };
	for (const m of mutations) {
		if (m.kind === 'delete') delete out[m.field];
		else
			Object.defineProperty(out, m.field, {
				value: m.value,
				enumerable: true,
				writable: true,
				configurable: true
			});
	}
	return out;
}

/** An attempt with one to three fields made hostile, missing or unknown. */
export const mutatedAttempt = (i: number) =>
	fc
		.tuple(validAttempt(i), fc.array(mutation, { minLength: 1, maxLength: 3 }))
		.map(([a, ms]) => mutate(a, ms));

const item = (i: number) =>
	fc.oneof({ arbitrary: validAttempt(i), weight: 3 }, { arbitrary: mutatedAttempt(i), weight: 2 });

/** {"attempts": [...]}: mixes, duplicate ids, more than the limit, arrays where objects go. */
const batch: fc.Arbitrary<unknown> = fc
	.oneof(
		fc.integer({ min: 1, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => item(i)))),
		fc.tuple(validAttempt(0), mutatedAttempt(1), validAttempt(2)),
		fc.tuple(validAttempt(0), fc.nat(5)).map(([a, n]) => Array.from({ length: n + 2 }, () => a)),
		fc
			.tuple(validAttempt(0), validAttempt(1))
			.map(([a, b]) => [a, { ...b, id: a.id, durationSeconds: Number(a.durationSeconds) + 1 }]),
		validAttempt(0).map((a) => Array.from({ length: 1001 }, (_, i) => ({ ...a, id: `fz-${TAG}-${i}` }))),
		fc.constantFrom<unknown>([], {}, 'x', null, [[]], [null], [1, 'a'])
	)
	.map((attempts) => ({ attempts }));

/** Whole bodies: JSON of every shape, and text that is not JSON at all. */
export const postBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
	{ arbitrary: item(0).map(toJson), weight: 4 },
	{ arbitrary: batch.map(toJson), weight: 4 },
	{
		arbitrary: fc
			.tuple(batch, fc.constantFrom('extra', 'Attempts', '__proto__'), hostileValue)
			.map(([b, k, v]) => toJson({ ...(b as object), [k]: v })),
		weight: 1
	},
	{ arbitrary: fc.array(validAttempt(0), { maxLength: 2 }).map(toJson), weight: 1 },
	{ arbitrary: hostileValue.map(toJson), weight: 1 },
	{
		arbitrary: validAttempt(0).chain((a) => fc.nat(toJson(a).length).map((n) => toJson(a).slice(0, n))),
		weight: 1
	},
	{ arbitrary: validAttempt(0).map((a) => '\ufeff' + toJson(a)), weight: 1 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
	{ arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
	{
		arbitrary: fc.constantFrom('', 'null', '{}', '[]', '{"attempts":', 'id=x&project=y', '{"a":1}{"b":2}'),
		weight: 1
	},
	{ arbitrary: fc.integer({ min: 65, max: 20_000 }).map((n) => toJson(nested(n, '{'))), weight: 1 }
);

const CONTENT_TYPES = [
	'application/json',
	'application/json',
	'application/json',
	'application/json; charset=latin1',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'application/xml',
	''
];

/** Headers: mostly the key and JSON; sometimes another content type, a foreign Origin, a bad key. */
const headers: fc.Arbitrary<Record<string, string>> = fc
	.record(
		{
			contentType: fc.constantFrom(...CONTENT_TYPES),
			origin: fc.constantFrom('http://evil.example', 'null'),
			authorization: fc.constantFrom(
				'',
				'Bearer wrong',
				'Basic a2V5Og==',
				'Bearer ' + 'k'.repeat(10_000),
				'Bearer'
			)
		},
		{ requiredKeys: ['contentType'] }
	)
	.map(({ contentType, origin, authorization }) => ({
		'content-type': contentType,
		...(origin ? { origin } : {}),
		...(authorization !== undefined ? { authorization } : {})
	}));

/** Mostly the key as given; one request in eight gets a hostile header set. */
export const maybeHostileHeaders = fc.oneof(
	{ arbitrary: fc.constant<Record<string, string>>({}), weight: 7 },
	{ arbitrary: headers, weight: 1 }
);
