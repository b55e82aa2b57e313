// The OpenAPI document's schemas as a JSON Schema 2020-12 validator (ajv), for the spec's own examples
// and for the answers of a real server.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

type Json = Record<string, unknown>;
const BASE = 'https://keeprate.invalid/schemas/';

/** Refs into the document's components, as ids ajv knows. */
const rebase = <T>(schema: T): T =>
	JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${BASE}`));

export function schemaValidator(document: Json) {
	// strictRequired would refuse zod's records keyed by an enum (every key required, declared by
	// propertyNames rather than properties): valid JSON Schema that validates as meant.
	const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
	addFormats(ajv);
	const { schemas } = document.components as { schemas: Record<string, Json> };
	for (const [name, schema] of Object.entries(schemas))
		ajv.addSchema({ ...rebase(schema), $id: BASE + name });
	/** Asserts that `value` is valid against `schema` (a schema of the document), naming what is not. */
	return (schema: Json, value: unknown, where: string) => {
		const validate = ajv.compile(rebase(schema));
		const valid = validate(value);
		expect(valid ? [] : validate.errors, where).toEqual([]);
	};
}

export interface MediaType {
	where: string;
	type: string;
	schema: Json;
	example?: unknown;
}

/** Every request body and answer of every operation: where it is, its media type, schema and example. */
export function mediaTypes(document: Json): MediaType[] {
	const out: MediaType[] = [];
	for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
		for (const [method, op] of Object.entries(item)) {
			const bodies: [string, Json | undefined][] = [
				['request', (op.requestBody as Json | undefined)?.content as Json | undefined],
				...Object.entries(op.responses as Record<string, Json>).map(
					([status, r]) => [status, r.content as Json | undefined] as [string, Json | undefined]
				)
			];
			for (const [what, content] of bodies) {
				for (const [type, media] of Object.entries(content ?? {}) as [string, Json][]) {
					out.push({
						where: `${method.toUpperCase()} ${path} ${what} ${type}`,
						type,
						schema: media.schema as Json,
						example: media.example
					});
				}
			}
		}
	}
	return out;
}
