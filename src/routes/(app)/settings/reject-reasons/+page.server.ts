import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm } from '$lib/forms/parse';
import { DEFAULT_REJECT_RULES, REJECT_CATEGORIES } from '$lib/reasons/categories';
import { rejectRulesForm, rulesToText } from '$lib/schemas/reject-rules';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import { requireRole, workspaceOf } from '$lib/server/context';
import { recategorise, recategorising, rejectRules, saveRejectRules } from '$lib/server/reasons/recategorise';
import { readTagConfig } from '$lib/server/tags/worker';

/** How long a save places attempts itself before leaving the rest to the background worker. */
const SAVE_BUDGET_MS = 1000;

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'admin');
	const workspaceId = workspaceOf(locals);
	const database = db();
	const tagging = readTagConfig();
	return {
		rules: rulesToText(await rejectRules(database, workspaceId)),
		defaults: rulesToText(DEFAULT_REJECT_RULES),
		categories: REJECT_CATEGORIES.map((c) => ({ id: c.id, label: c.label })),
		recategorising: await recategorising(database, workspaceId),
		modelFallback: tagging.llm === 'openai' && Boolean(tagging.apiKey)
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const parsed = parseForm(await request.formData(), rejectRulesForm);
		if (!parsed.ok) return failed('rules', parsed);
		const database = db();
		await saveRejectRules(database, workspaceId, parsed.data.rules);
		await audit(database, workspaceId, locals.user!.email, 'rejectRules.changed', {
			rules: parsed.data.rules.length
		});
		const done = await recategorise(database, workspaceId, SAVE_BUDGET_MS);
		return { form: 'rules', saved: true, done };
	},

	reset: async ({ locals }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const database = db();
		await saveRejectRules(database, workspaceId, DEFAULT_REJECT_RULES);
		await audit(database, workspaceId, locals.user!.email, 'rejectRules.reset', {
			rules: DEFAULT_REJECT_RULES.length
		});
		const done = await recategorise(database, workspaceId, SAVE_BUDGET_MS);
		return { form: 'rules', saved: true, done };
	}
};
