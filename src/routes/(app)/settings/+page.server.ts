import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm, refuse } from '$lib/forms/parse';
import { budgetInputSchema } from '$lib/schemas/budget';
import { settingsSchema } from '$lib/schemas/settings';
import { laborRateFormField } from '$lib/schemas/labour';
import { microsToUsd } from '$lib/metrics/money';
import { dayOf } from '$lib/metrics/time-zones';
import { mondayOf } from '$lib/metrics/weeks';
import { db, config } from '$lib/server/app';
import { addBudget, deleteBudget, listBudgets } from '$lib/server/budgets';
import { hasRole, requireRole, workspaceOf } from '$lib/server/context';
import { audit } from '$lib/server/audit';
import { lastClosedWeek, sendDigest } from '$lib/server/digest';
import { refusalOf } from '$lib/server/outbound';
import { readTagConfig } from '$lib/server/tags/worker';
import { listProjects } from '$lib/server/queries/projects';
import { updateWorkspaceSettings, workspaceSettings, workspaceTimeZone } from '$lib/server/workspaces';

// The API's budget, as a form types it: an amount such as "$1,500", and words that say what to type.
const AMOUNT = 'Enter an amount in USD above 0, e.g. 500';
const budgetForm = budgetInputSchema.extend({
	period: z.enum(['week', 'month'], 'Choose weekly or monthly'),
	amountUsd: z
		.string()
		.transform((v) => (v === '' ? Number.NaN : Number(v.replace(/[$,\s]/g, ''))))
		.pipe(z.number(AMOUNT).positive(AMOUNT).max(1_000_000_000, AMOUNT))
});
const idForm = z.strictObject({ id: z.string().max(64) });
const workspaceForm = settingsSchema.safeExtend({ laborUsdPerHour: laborRateFormField });

// The shared schemas speak in fragments ("must be ..."): the form names the field first.
const LABELS = {
	timeZone: 'Time zone',
	digestWebhookUrl: 'Webhook URL',
	startsOn: 'Starts on',
	laborUsdPerHour: 'Review labour rate'
};

const hostOf = (url: string | undefined) => {
	if (!url) return 'api.openai.com';
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
};

export const load: PageServerLoad = async ({ locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const isAdmin = hasRole(locals.workspace?.role ?? 'viewer', 'admin');
	const [settings, budgets, projects] = await Promise.all([
		workspaceSettings(database, workspaceId),
		listBudgets(database, workspaceId),
		listProjects(database, workspaceId)
	]);
	const timeZone = settings?.timeZone ?? 'UTC';
	const tagging = readTagConfig();
	return {
		isAdmin,
		timeZone,
		// Whether prompts leave the server: the operator's choice (KEEPRATE_TAG_LLM), shown to everyone.
		tagging: {
			sendsPrompts: tagging.llm === 'openai' && Boolean(tagging.apiKey),
			to: hostOf(tagging.baseURL),
			model: tagging.model
		},
		// The webhook URL carries the receiver's secret: only admins see it; others learn whether it is set.
		digestWebhookUrl: isAdmin ? (settings?.digestWebhookUrl ?? '') : null,
		digestConfigured: Boolean(settings?.digestWebhookUrl),
		// What an hour of review costs (USD): prices reviewers' time in the all-in figures; null: none.
		laborUsdPerHour: settings?.laborMicrosPerHour == null ? null : microsToUsd(settings.laborMicrosPerHour),
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
		const parsed = parseForm(await request.formData(), workspaceForm, { labels: LABELS });
		if (!parsed.ok) return failed('settings', parsed);
		// An address written in the URL is judged now; a host name when the digest is sent (DNS changes).
		const refusal = parsed.data.digestWebhookUrl ? refusalOf(parsed.data.digestWebhookUrl) : null;
		if (refusal) {
			const errors = { digestWebhookUrl: `Webhook URL is refused: ${refusal.message}` };
			return refuse('settings', parsed.values, errors);
		}
		const { laborUsdPerHour: rate, ...settings } = parsed.data;
		await updateWorkspaceSettings(db(), workspaceOf(locals), {
			...settings,
			...(rate === undefined ? {} : { laborMicrosPerHour: rate })
		});
		// The webhook URL carries a secret: the log says that it changed, not what it is.
		await audit(db(), workspaceOf(locals), locals.user!.email, 'settings.changed', {
			timeZone: parsed.data.timeZone,
			digestWebhook: parsed.data.digestWebhookUrl ? 'set' : 'none',
			...(rate === undefined ? {} : { laborUsdPerHour: rate === null ? 'none' : microsToUsd(rate) })
		});
		return { form: 'settings', saved: true };
	},

	addBudget: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const parsed = parseForm(await request.formData(), budgetForm, { labels: LABELS });
		const errors = parsed.ok ? {} : { ...parsed.errors };
		const project = String(parsed.values.project);
		if (project && !(await listProjects(db(), workspaceId)).some((p) => p.slug === project))
			errors.project = ['Choose a project of this workspace, or the whole workspace'];
		if (!parsed.ok || Object.keys(errors).length > 0) return refuse('budget', parsed.values, errors);
		const budget = await addBudget(db(), workspaceId, parsed.data);
		await audit(db(), workspaceId, locals.user!.email, 'budget.added', { id: budget.id, ...parsed.data });
		return { form: 'budget', added: parsed.data };
	},

	deleteBudget: async ({ request, locals }) => {
		requireRole(locals, 'admin');
		const parsed = parseForm(await request.formData(), idForm);
		const id = parsed.ok ? parsed.data.id : '';
		if (!parsed.ok || !(await deleteBudget(db(), workspaceOf(locals), id))) {
			const message = 'That budget no longer exists.';
			return refuse('deleteBudget', parsed.values, {}, { status: 404, message });
		}
		await audit(db(), workspaceOf(locals), locals.user!.email, 'budget.deleted', { id });
		return { form: 'deleteBudget', deleted: true };
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
		return { form: 'digest', digest: { week, ...result } };
	}
};
