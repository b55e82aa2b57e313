// The OpenAPI document (src/lib/server/openapi): it describes every route there is and no other, each of
// its examples is valid against its schema, it is valid OpenAPI 3.1, and the client's generated types are
// what it generates today. Its answers are checked against a real server in tests/integration/openapi.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { describe, expect, test } from 'vitest';
import { openApiDocument } from '../../src/lib/server/openapi/document';
import { generateTypes, TYPES_FILE } from '../../scripts/openapi';
import { mediaTypes, schemaValidator } from '../setup/openapi';

const document = openApiDocument();
const ROUTES_DIR = 'src/routes';

/** `GET /api/v1/attempts/{id}` for every exported method of every +server.ts under src/routes/api. */
function routesInCode(): string[] {
	const files = readdirSync(join(ROUTES_DIR, 'api'), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('+server.ts'))
		.map((f) => join(ROUTES_DIR, 'api', f));
	return files.flatMap((file) => {
		const path = `/${relative(ROUTES_DIR, file)}`
			.replace(/\/\+server\.ts$/, '')
			.replace(/\/\([^)]+\)/g, '')
			.replace(/\[(\w+)\]/g, '{$1}');
		const source = readFileSync(file, 'utf8');
		const methods = [
			...source.matchAll(
				/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g
			)
		];
		return methods.map((m) => `${m[1]} ${path}`);
	});
}

const routesInSpec = () =>
	Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
		Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
	);

describe('the OpenAPI document', () => {
	test('describes every API route in src/routes/api, and no route that does not exist', () => {
		const code = routesInCode().sort();
		expect(code).toContain('PATCH /api/v1/attempts/{id}');
		expect(routesInSpec().sort()).toEqual(code);
	});

	test('every example is valid against its schema (JSON Schema 2020-12)', () => {
		const check = schemaValidator(document);
		const media = mediaTypes(document);
		const json = media.filter((m) => m.type === 'application/json');
		// Every JSON body and answer has an example, refusals included.
		expect(json.filter((m) => m.example === undefined).map((m) => m.where)).toEqual([]);
		expect(json.length).toBeGreaterThan(40);
		for (const m of json) check(m.schema, m.example, m.where);
		for (const m of media.filter((m) => m.type !== 'application/json'))
			expect(typeof m.example, m.where).toBe('string');
	});

	test('a schema refuses what the API refuses: the examples are checked, not waved through', () => {
		const check = schemaValidator(document);
		const summary = media('GET /api/v1/summary 200');
		const [row] = (summary.example as { models: Record<string, unknown>[] }).models;
		expect(() =>
			check(summary.schema, { models: [{ ...row, keepRate: '25%' }], comparisons: [] }, 'x')
		).toThrow();
		expect(() => check(summary.schema, { models: [], comparisons: [], extra: 1 }, 'x')).toThrow();
		const attempt = media('POST /api/v1/attempts request');
		expect(() => check(attempt.schema, { attempts: [] }, 'x')).toThrow();
	});

	test('is valid OpenAPI 3.1', async () => {
		expect(document.openapi).toBe('3.1.0');
		const result = await validate(structuredClone(document) as never);
		expect(result).toMatchObject({ valid: true, warnings: [] });
	});

	test('every operation with a key names its scope, and every 429 and 503 its Retry-After', () => {
		for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Op>>)) {
			for (const [method, op] of Object.entries(item)) {
				const where = `${method} ${path}`;
				if (op.security.length > 0) {
					expect(Object.values(op.security[0])[0], where).toEqual([expect.stringMatching(/^(ingest|read)$/)]);
					expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['401', '403']));
				}
				for (const status of ['429', '503'].filter((s) => s in op.responses))
					expect(op.responses[status].headers, `${where} ${status}`).toHaveProperty('Retry-After');
			}
		}
	});

	test('client/openapi.d.ts is what the document generates (run `npm run openapi` after changing the API)', async () => {
		expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generateTypes());
	});
});

interface Op {
	security: Record<string, string[]>[];
	responses: Record<string, { headers?: Record<string, unknown> }>;
}

function media(prefix: string) {
	const found = mediaTypes(document).find((m) => m.where.startsWith(prefix));
	if (!found) throw new Error(`no ${prefix} in the document`);
	return found;
}
