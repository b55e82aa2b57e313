import type { PageServerLoad } from './$types';
import { hasRole } from '$lib/server/context';
import { ATTEMPT_COLUMNS } from '$lib/server/export/attempts-csv';
import { EXPORT_ONLY_COLUMNS, REQUIRED_COLUMNS } from '$lib/server/import/rows';

export const load: PageServerLoad = ({ locals }) => ({
	canImport: hasRole(locals.workspace?.role ?? 'viewer', 'admin'),
	workspaceName: locals.workspace?.name ?? '',
	known: {
		fields: ATTEMPT_COLUMNS.filter((c) => !EXPORT_ONLY_COLUMNS.includes(c)),
		exportOnly: EXPORT_ONLY_COLUMNS,
		required: REQUIRED_COLUMNS
	}
});
