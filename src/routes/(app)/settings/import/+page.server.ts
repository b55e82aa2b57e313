import type { PageServerLoad } from './$types';
import { hasRole } from '$lib/server/context';
import { EXPORT_ONLY_COLUMNS, REQUIRED_COLUMNS, SENT_COLUMNS } from '$lib/server/import/rows';

export const load: PageServerLoad = ({ locals }) => ({
	canImport: hasRole(locals.workspace?.role ?? 'viewer', 'admin'),
	workspaceName: locals.workspace?.name ?? '',
	known: {
		fields: [...SENT_COLUMNS],
		exportOnly: EXPORT_ONLY_COLUMNS,
		required: REQUIRED_COLUMNS
	}
});
