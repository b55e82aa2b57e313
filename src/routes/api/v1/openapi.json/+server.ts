import { createHash } from 'node:crypto';
import type { RequestHandler } from './$types';
import { openApiDocument } from '$lib/server/openapi/document';

let served: { body: string; etag: string } | undefined;

/**
 * The OpenAPI 3.1 document, without a key: it is documentation. It changes only with the code, so it may
 * be cached; the ETag lets a client check it cheaply.
 */
export const GET: RequestHandler = ({ request }) => {
	if (!served) {
		const body = JSON.stringify(openApiDocument());
		served = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
	}
	const headers = {
		'content-type': 'application/json',
		'cache-control': 'public, max-age=300',
		etag: served.etag
	};
	if (request.headers.get('if-none-match') === served.etag)
		return new Response(null, { status: 304, headers });
	return new Response(served.body, { headers });
};
