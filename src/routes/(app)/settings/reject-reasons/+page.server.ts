import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm } from '$lib/forms/parse';
import { DEFAULT_REJECT_RULES, REJECT_CATEGORIES, type RejectRule } from '$lib/reasons/categories';
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
		categories: REJECT_CATEGORIES.map((c) => ({ id: c.id, label: c.label })),
		recategorising: await recategorising(database, workspaceId),
		modelFallback: tagging.llm === 'openai' && Boolean(tagging.apiKey)
	};
};

/** Stores the rules, logs it, and places attempts again for a while; the worker does what is left. */
async function apply(locals: App.Locals, rules: RejectRule[], action: string) {
	const workspaceId = workspaceOf(locals);
	const database = db();
	await saveRejectRules(database, workspaceId, rules);
	await audit(database, workspaceId, locals.user!.email, action, { rules: rules.length });
	const done = await recategorise(database, workspaceId, SAVE_BUDGET_MS);
	return { form: 'rules', saved: true, done };
}

export const actions: Actions = {
	save: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const parsed = parseForm(await request.formData(), rejectRulesForm);
		if (!parsed.ok) return failed('rules', parsed);
		return apply(locals, parsed.data.rules, 'rejectRules.changed');
	},

	reset: async ({ locals }) => {
		requireRole(locals, 'admin');
		return apply(locals, DEFAULT_REJECT_RULES, 'rejectRules.reset');
	}
};
