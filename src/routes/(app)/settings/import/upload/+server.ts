import type { RequestHandler } from './$types';
import { workspaceOf, requireRole } from '$lib/server/context';
import { ApiError } from '$lib/server/errors';
import { respond } from '$lib/server/http';
import { importRequest } from '$lib/server/import/respond';

/**
 * The import page's upload: the same import as POST /api/v1/imports, for a signed-in admin of the
 * workspace. Only the page itself may send it (its own origin): a CSV body is not a form, so SvelteKit's
 * CSRF check does not cover it.
 */
export const POST: RequestHandler = ({ request, url, locals }) =>
	respond(async () => {
		if (request.headers.get('origin') !== url.origin)
			throw new ApiError(403, 'an import is sent from the import page of this dashboard');
		requireRole(locals, 'admin');
		return importRequest({
			request,
			url,
			workspaceId: workspaceOf(locals),
			by: `user:${locals.user!.id}`
		});
	});
