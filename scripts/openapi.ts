// `npm run openapi`: writes client/openapi.d.ts, the client's types, from the API's OpenAPI document.
// tests/unit/openapi.test.ts fails while the committed file differs from what the document generates.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../src/lib/server/openapi/document';

export const TYPES_FILE = fileURLToPath(new URL('../client/openapi.d.ts', import.meta.url));

const HEAD = `// Generated from the API's OpenAPI document by \`npm run openapi\` (openapi-typescript): do not edit.\n`;

/** The types file as the current document generates it, formatted as the repository formats code. */
export async function generateTypes(): Promise<string> {
	const ast = await openapiTS(structuredClone(openApiDocument()) as never, { alphabetize: false });
	const options = await resolveConfig(TYPES_FILE);
	return format(HEAD + astToString(ast), { ...options, filepath: TYPES_FILE });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	writeFileSync(TYPES_FILE, await generateTypes());
	console.log(`wrote ${TYPES_FILE}`);
}
