import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm, refuse } from '$lib/forms/parse';
import { slug } from '$lib/schemas/attempt';
import { issueKey, listKeys, revokeKey, type Scope } from '$lib/server/api-keys';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { requireRole, workspaceOf } from '$lib/server/context';
import { listProjects } from '$lib/server/queries/projects';
import { workspaceTimeZone } from '$lib/server/workspaces';

const SCOPES: Record<'both' | 'ingest' | 'read', Scope[]> = {
	both: ['ingest', 'read'],
	ingest: ['ingest'],
	read: ['read']
};

const createSchema = z.strictObject({
	name: z.string().trim().min(1, 'Give the key a name, e.g. the script or team that uses it.').max(100),
	scope: z.enum(['both', 'ingest', 'read'], 'Pick what the key may do.'),
	projects: z.array(slug).max(100)
});

const revokeSchema = z.strictObject({ id: z.string().min(1).max(100) });

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'admin');
	const workspaceId = workspaceOf(locals);
	const database = db();
	const [keys, projects, timeZone] = await Promise.all([
		listKeys(database, workspaceId),
		listProjects(database, workspaceId),
		workspaceTimeZone(database, workspaceId)
	]);
	return { keys, projects, timeZone };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const parsed = parseForm(await request.formData(), createSchema);
		if (!parsed.ok) return failed('create', parsed);
		const database = db();
		const known = new Set((await listProjects(database, workspaceId)).map((p) => p.slug));
		const unknown = parsed.data.projects.filter((p) => !known.has(p));
		if (unknown.length > 0) {
			const errors = { projects: `No such project in this workspace: ${unknown.join(', ')}.` };
			return refuse('create', parsed.values, errors);
		}
		const input = {
			name: parsed.data.name,
			scopes: SCOPES[parsed.data.scope],
			projects: parsed.data.projects
		};
		const actor = locals.user!.email;
		const created = await issueKey(database, workspaceId, input, actor);
		// The key itself leaves the server this once, in this response; only its hash is stored.
		return { form: 'create', created };
	},

	revoke: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const parsed = parseForm(await request.formData(), revokeSchema);
		if (!parsed.ok)
			return refuse('revoke', parsed.values, {}, { message: 'Which key? Reload and try again.' });
		const database = db();
		const key = (await listKeys(database, workspaceId)).find((k) => k.id === parsed.data.id);
		if (!key || !(await revokeKey(database, workspaceId, parsed.data.id))) {
			const message = 'That key does not exist or is already revoked.';
			return refuse('revoke', parsed.values, {}, { status: 404, message });
		}
		await audit(database, workspaceId, locals.user!.email, 'key.revoked', {
			id: key.id,
			name: key.name,
			prefix: key.prefix
		});
		return { form: 'revoke', revoked: key.name };
	}
};
