import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { budgetInputSchema } from '$lib/schemas/budget';
import { settingsSchema } from '$lib/schemas/settings';
import { microsToUsd } from '$lib/metrics/money';
import { dayOf } from '$lib/metrics/time-zones';
import { mondayOf } from '$lib/metrics/weeks';
import { db, config } from '$lib/server/app';
import { addBudget, deleteBudget, listBudgets } from '$lib/server/budgets';
import { hasRole, requireRole, workspaceOf } from '$lib/server/context';
import { audit } from '$lib/server/audit';
import { lastClosedWeek, sendDigest } from '$lib/server/digest';
import { refusalOf } from '$lib/server/outbound';
import { listProjects } from '$lib/server/queries/projects';
import { updateWorkspaceSettings, workspaceSettings, workspaceTimeZone } from '$lib/server/workspaces';

/** The first message per field, keyed by the field's name, to show next to it. */
function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	return errors;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const load: PageServerLoad = async ({ locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const isAdmin = hasRole(locals.workspace?.role ?? 'owner', 'admin');
	const [settings, budgets, projects] = await Promise.all([
		workspaceSettings(database, workspaceId),
		listBudgets(database, workspaceId),
		listProjects(database, workspaceId)
	]);
	const timeZone = settings?.timeZone ?? 'UTC';
	return {
		isAdmin,
		timeZone,
		// The webhook URL carries the receiver's secret: only admins see it; others learn whether it is set.
		digestWebhookUrl: isAdmin ? (settings?.digestWebhookUrl ?? '') : null,
		digestConfigured: Boolean(settings?.digestWebhookUrl),
		lastClosedWeek: lastClosedWeek(new Date(), timeZone),
		projects: projects.map((p) => ({ slug: p.slug, name: p.name })),
		budgets: budgets.map((b) => ({
			id: b.id,
			project: b.project,
			period: b.period as 'week' | 'month',
			amountUsd: microsToUsd(b.amountMicros),
			startsOn: b.startsOn
		})),
		thisMonday: mondayOf(dayOf(new Date(), timeZone)),
		timeZones: ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]
	};
};

export const actions: Actions = {
	settings: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const form = await request.formData();
		const values = { timeZone: text(form, 'timeZone'), digestWebhookUrl: text(form, 'digestWebhookUrl') };
		const parsed = settingsSchema.safeParse(values);
		if (!parsed.success) return fail(400, { settings: { values, errors: fieldErrors(parsed.error) } });
		// An address written in the URL is judged now; a host name when the digest is sent (DNS changes).
		const refusal = parsed.data.digestWebhookUrl ? refusalOf(parsed.data.digestWebhookUrl) : null;
		if (refusal) {
			const errors = { digestWebhookUrl: `is refused: ${refusal.message}` };
			return fail(400, { settings: { values, errors } });
		}
		await updateWorkspaceSettings(db(), workspaceOf(locals), parsed.data);
		// The webhook URL carries a secret: the log says that it changed, not what it is.
		await audit(db(), workspaceOf(locals), locals.user!.email, 'settings.changed', {
			timeZone: parsed.data.timeZone,
			digestWebhook: parsed.data.digestWebhookUrl ? 'set' : 'none'
		});
		return { settings: { saved: true } };
	},

	addBudget: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const form = await request.formData();
		const values = {
			project: text(form, 'project'),
			period: text(form, 'period'),
			amountUsd: text(form, 'amountUsd'),
			startsOn: text(form, 'startsOn')
		};
		const amount = values.amountUsd === '' ? Number.NaN : Number(values.amountUsd.replace(/[$,\s]/g, ''));
		const parsed = budgetInputSchema.safeParse({ ...values, amountUsd: amount });
		const errors = parsed.success ? {} : fieldErrors(parsed.error);
		// zod's own words are for developers; the form says what to type.
		if (errors.amountUsd) errors.amountUsd = 'Enter an amount in USD above 0, e.g. 500';
		if (errors.period) errors.period = 'Choose weekly or monthly';
		const projects = await listProjects(db(), workspaceId);
		if (values.project && !projects.some((p) => p.slug === values.project))
			errors.project = 'Choose a project of this workspace, or the whole workspace';
		if (!parsed.success || Object.keys(errors).length > 0) return fail(400, { budget: { values, errors } });
		const budget = await addBudget(db(), workspaceId, parsed.data);
		await audit(db(), workspaceId, locals.user!.email, 'budget.added', { id: budget.id, ...parsed.data });
		return { budget: { added: parsed.data } };
	},

	deleteBudget: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const id = text(await request.formData(), 'id');
		const deleted = id.length <= 64 && (await deleteBudget(db(), workspaceOf(locals), id));
		if (!deleted) return fail(404, { deleted: { error: 'That budget no longer exists.' } });
		await audit(db(), workspaceOf(locals), locals.user!.email, 'budget.deleted', { id });
		return { deleted: { ok: true } };
	},

	sendDigest: async ({ locals }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const database = db();
		const week = lastClosedWeek(new Date(), await workspaceTimeZone(database, workspaceId));
		// A person is waiting: two quick tries, not the scheduler's long back-off.
		const result = await sendDigest(database, workspaceId, week, {
			baseUrl: config().publicUrl,
			retryDelays: [1000]
		});
		return { digest: { week, ...result } };
	}
};
