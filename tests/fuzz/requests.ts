// One hostile request to any /api route: writes (POST attempts, PATCH a verdict), reads with query strings
// of every parameter the routes know and some they do not, path ids, methods a route does not have.
import fc from 'fast-check';
import {
	hostileValue,
	maybeHostileHeaders,
	mutatedAttempt,
	postBody,
	Raw,
	TAG,
	toJson,
	validAttempt,
	type FuzzRequest
} from './arbitraries';

/** An attempt stored before the fuzz starts, for reads and PATCHes of an id that exists. */
export const SEEDED_ID = 'fuzz-seed';

const READS = [
	'/api/v1/summary',
	'/api/v1/recommendations',
	'/api/v1/shots',
	'/api/v1/reject-reasons',
	'/api/v1/weekly',
	'/api/v1/attempts.csv',
	'/api/v1/weekly.csv'
];
const OTHER_PATHS = [
	'/api/health',
	'/api/v1/openapi.json',
	'/api/v1/nope',
	'/api/v2/summary',
	'/api/v1/summary/extra',
	'/api/v1//summary',
	'/api'
];

const PERCENT_GARBAGE = [
	'%ff',
	'%00',
	'%',
	'%zz',
	'%e0%80',
	'%ed%a0%80',
	'%c0%af',
	'%f4%90%80%80',
	'%2',
	'+',
	'%2B',
	'%26',
	'%3D'
];

/** A value as it goes into a URL: encoded, raw, or percent-encoding that does not decode. */
function inUrl(value: string, mode: number): string {
	if (mode === 1) return value;
	try {
		return encodeURIComponent(value);
	} catch {
		return value;
	}
}

const text = hostileValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined')));

const QUERY_VALUES: Record<string, fc.Arbitrary<string>> = {
	from: fc.constantFrom(
		'2026-01-01',
		'2026-06-01T00:00:00Z',
		'2026-06-01T00:00:00+05:30',
		'+275760-09-13T00:00:00Z',
		'0000-01-01',
		'2201-01-01',
		'1999-12-31',
		'2026-02-30',
		'2026-1-1'
	),
	to: fc.constantFrom(
		'2026-12-01',
		'2027-01-01',
		'2025-01-01',
		'-271821-04-20T00:00:00Z',
		'9999-12-31',
		'2200-12-31T23:59:59Z'
	),
	project: fc.constantFrom('fz-x', 'hostile', 'A', 'a'.repeat(65), '-a', 'a b'),
	model: fc.constantFrom('sora-2-pro', 'in-house-model', ' ', 'x'.repeat(101)),
	tag: fc.constantFrom('close-up', 'fine texture', 'CLOSE-UP', 'x'.repeat(51)),
	whatIf: fc.constantFrom('project', 'resolution', 'duration', 'creator', 'tag', 'Project', 'none'),
	segmentsBy: fc.constantFrom('tag', 'resolution', 'duration', 'creator', 'project', 'week', ''),
	laborUsdPerHour: fc.constantFrom(
		'45',
		'0',
		'37.123456',
		'-1',
		'1e3',
		'10000.5',
		'NaN',
		' 45 ',
		'9'.repeat(30)
	),
	week: fc.constantFrom(
		'2026-W48',
		'2026-W53',
		'2025-W53',
		'2020-W53',
		'0000-W01',
		'9999-W52',
		'2026-W00',
		'2026-W99',
		'+275760-W01',
		'2026-w01',
		'2026W48'
	),
	x: fc.constant('1'),
	'from[]': fc.constant('2026-01-01'),
	['__proto__']: fc.constant('x'),
	constructor: fc.constant('x'),
	hasOwnProperty: fc.constant('x'),
	'': fc.constant('x')
};

const param = fc
	.tuple(
		fc.constantFrom(...Object.keys(QUERY_VALUES)),
		fc.nat(9),
		fc.nat(2),
		fc.constantFrom(...PERCENT_GARBAGE)
	)
	.chain(([key, pick, mode, garbage]) =>
		(pick < 5 ? QUERY_VALUES[key] : pick < 8 ? text : fc.constant('')).map((value) =>
			mode === 2 ? `${key}=${value.slice(0, 3)}${garbage}` : `${key}=${inUrl(value, mode)}`
		)
	);

/** A query string: several parameters, some repeated, some garbage; or none. */
const query = fc
	.tuple(fc.array(param, { maxLength: 6 }), fc.boolean(), fc.nat(3))
	.map(([params, repeat, extra]) => {
		const list = repeat && params.length > 0 ? [...params, ...params] : params;
		const tail = ['', '&', '&&=', '&' + PERCENT_GARBAGE[extra]][extra];
		return list.length || tail ? `?${list.join('&')}${tail}` : '';
	});

const read: fc.Arbitrary<FuzzRequest> = fc
	.tuple(fc.constantFrom(...READS), query, maybeHostileHeaders)
	.map(([path, q, headers]) => ({ route: `GET ${path}`, method: 'GET', path: path + q, headers }));

/** A path id: stored, unknown, hostile, or percent-encoding that does not decode. */
const pathId: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(
		SEEDED_ID,
		`fz-${TAG}-0`,
		'%20x',
		'x%20',
		'.',
		'%2e%2e',
		'a%2Fb',
		'x'.repeat(201),
		'x'.repeat(10_000)
	),
	fc.constantFrom(...PERCENT_GARBAGE).map((g) => `fz${g}`),
	text.map((v) => inUrl(v, 0))
);

const readOne: fc.Arbitrary<FuzzRequest> = fc
	.tuple(pathId, query, maybeHostileHeaders)
	.map(([id, q, headers]) => ({
		route: 'GET /api/v1/attempts/{id}',
		method: 'GET',
		path: `/api/v1/attempts/${id}${q}`,
		headers
	}));

const post: fc.Arbitrary<FuzzRequest> = fc.tuple(postBody, maybeHostileHeaders).map(([body, headers]) => ({
	route: 'POST /api/v1/attempts',
	method: 'POST',
	path: '/api/v1/attempts',
	headers,
	body,
	writes: { ids: [], project: `fz-${TAG}` }
}));

const patchBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
	fc
		.record(
			{
				verdict: fc.constantFrom('keep', 'reject', 'pending'),
				rejectReason: fc.constantFrom('warped hands', ' ', '\u0000')
			},
			{ requiredKeys: ['verdict'] }
		)
		.map(toJson),
	fc
		.tuple(
			fc.constantFrom('verdict', 'rejectReason', 'id', 'durationSeconds', '__proto__', 'extra'),
			hostileValue,
			fc.constantFrom('keep', 'reject')
		)
		.map(([k, v, verdict]) => toJson(Object.defineProperty({ verdict }, k, { value: v, enumerable: true }))),
	mutatedAttempt(0).map(toJson),
	postBody
);

/** A PATCH of an attempt this request stores first, or of a path id of any kind. */
const patch: fc.Arbitrary<FuzzRequest> = fc.oneof(
	fc.tuple(patchBody, maybeHostileHeaders).map(([body, headers]) => ({
		route: 'PATCH /api/v1/attempts/{id}',
		method: 'PATCH',
		path: `/api/v1/attempts/fz-${TAG}-p`,
		headers,
		body,
		patchTarget: `fz-${TAG}-p`
	})),
	fc.tuple(pathId, patchBody, maybeHostileHeaders).map(([id, body, headers]) => ({
		route: 'PATCH /api/v1/attempts/{id}',
		method: 'PATCH',
		path: `/api/v1/attempts/${id}`,
		headers,
		body
	}))
);

// Imports: CSV files (right, wrong and repeated headers) and NDJSON of valid and hostile attempts,
// another content type, odd dryRun values. A refused import stores nothing; a 200 may store some lines.
const CSV_COLUMNS = [
	'id',
	'project',
	'model',
	'durationSeconds',
	'resolution',
	'costUsd',
	'verdict',
	'tags',
	'shotId',
	'createdAt',
	'creator',
	'metadata'
];

function csvCell(value: unknown): string {
	let text: string;
	try {
		text =
			value === undefined || value === null
				? ''
				: value instanceof Raw
					? value.text
					: typeof value === 'string'
						? value
						: Array.isArray(value) && value.every((v) => typeof v === 'string')
							? value.join(';')
							: (JSON.stringify(value) ?? '');
	} catch {
		text = String(value);
	}
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const importRows = fc
	.integer({ min: 0, max: 4 })
	.chain((n) =>
		fc.tuple(...Array.from({ length: n }, (_, i) => fc.oneof(validAttempt(i), mutatedAttempt(i))))
	);

const importFile: fc.Arbitrary<{ type: string; body: string }> = fc.oneof(
	fc
		.tuple(
			fc.constantFrom(
				CSV_COLUMNS,
				[...CSV_COLUMNS, 'colour'],
				['id', 'id', 'model'],
				['costSource', ...CSV_COLUMNS]
			),
			importRows
		)
		.map(([header, rows]) => ({
			type: 'text/csv',
			body: [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\n')
		})),
	importRows.map((rows) => ({ type: 'application/x-ndjson', body: rows.map(toJson).join('\n') })),
	fc
		.tuple(fc.constantFrom('text/csv', 'application/x-ndjson', 'application/json', 'text/plain'), fc.string())
		.map(([type, body]) => ({ type, body }))
);

const importRequest: fc.Arbitrary<FuzzRequest> = fc
	.tuple(
		importFile,
		fc.constantFrom('', '?dryRun=true', '?dryRun=maybe', '?dryRun=1&x=2'),
		maybeHostileHeaders
	)
	.map(([file, query, headers]) => ({
		route: 'POST /api/v1/imports',
		method: 'POST',
		path: `/api/v1/imports${query}`,
		headers: { ...headers, 'content-type': file.type },
		body: file.body,
		writes: { ids: [], project: `fz-${TAG}`, partial: true }
	}));

/** Methods the routes do not have, and paths that are not routes. */
const other: fc.Arbitrary<FuzzRequest> = fc
	.tuple(
		fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'),
		fc.constantFrom(...READS, ...OTHER_PATHS, '/api/v1/attempts', `/api/v1/attempts/${SEEDED_ID}`),
		fc.constantFrom('', '{}', '{"verdict":"keep"}')
	)
	.map(([method, path, body]) => ({
		route: `${method} (other)`,
		method,
		path,
		headers: {},
		...(method === 'GET' || method === 'HEAD' || body === '' ? {} : { body })
	}));

export const anyRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
	{ arbitrary: post, weight: 5 },
	{ arbitrary: read, weight: 4 },
	{ arbitrary: readOne, weight: 1 },
	{ arbitrary: patch, weight: 2 },
	{ arbitrary: importRequest, weight: 1 },
	{ arbitrary: other, weight: 1 }
);
