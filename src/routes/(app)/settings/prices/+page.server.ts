import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { failed, parseForm, refuse } from '$lib/forms/parse';
import { resolutionSchema } from '$lib/schemas/attempt';
import { usdToMicros } from '$lib/metrics/money';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import {
	addModel,
	addPrice,
	catalog,
	mapAlias,
	removeAlias,
	reprice,
	setRetired
} from '$lib/server/catalog/editor';
import { requireRole, workspaceOf } from '$lib/server/context';

const modelId = z
	.string()
	.trim()
	.min(1, 'Enter the model id as the provider spells it.')
	.max(100)
	.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Letters, digits and . _ : / - only, no spaces.');
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date.')
	.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Pick a real date.');
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max);

const schemas = {
	price: z.strictObject({
		model: modelId,
		resolution: z
			.string()
			.trim()
			.toLowerCase()
			.transform((r) => (r === 'any' || r === '*' ? '*' : r))
			.pipe(z.union([z.literal('*'), resolutionSchema], 'Enter WIDTHxHEIGHT (e.g. 1280x720), or any.')),
		usdPerSecond: z
			.string()
			.trim()
			.min(1, 'Enter the price in USD per second.')
			.transform(Number)
			.pipe(z.number('Enter a number, e.g. 0.15.').min(0, 'Cannot be negative.').max(1000)),
		effectiveFrom: day,
		source: text(500, 'Say where the price comes from, and when you read it.')
	}),
	model: z.strictObject({
		model: modelId,
		family: z
			.string()
			.trim()
			.toLowerCase()
			.min(1, 'Enter a family: the product its tiers belong to.')
			.max(64)
			.regex(/^[a-z0-9][a-z0-9._-]*$/, 'Lowercase letters, digits and . _ - only.'),
		tier: z
			.string()
			.transform(Number)
			.pipe(
				z.number('Enter a whole number.').int('Enter a whole number.').min(0, '0 is the base tier.').max(20)
			),
		displayName: text(100, 'Enter the name people know it by.'),
		provider: text(100, 'Enter the provider, e.g. OpenAI.'),
		// A checkbox: "on" when ticked, absent when not.
		failedAttemptsBilled: z.string().transform((v) => v === 'on')
	}),
	retire: z.strictObject({ model: modelId, retiredOn: day }),
	unretire: z.strictObject({ model: modelId }),
	alias: z.strictObject({ alias: modelId, model: modelId }),
	unalias: z.strictObject({ alias: modelId })
};

type Form = keyof typeof schemas;

/** The form's fields, parsed, for an admin: a 400 for the form named `form` when they do not fit. */
async function parse<F extends Form>(event: RequestEvent, form: F) {
	requireRole(event.locals, 'admin');
	const parsed = parseForm(await event.request.formData(), schemas[form]);
	if (!parsed.ok) return { ok: false as const, failure: failed(form, parsed) };
	return { ok: true as const, data: parsed.data as z.output<(typeof schemas)[F]>, values: parsed.values };
}

// Today in UTC: effective dates and retirement days are UTC days, as the price book reads them.
const today = () => new Date().toISOString().slice(0, 10);

// Sizes from small to large, landscape before portrait; 'any' first.
const area = (r: string) => (r === '*' ? [0, 0] : r.split('x').map(Number));
const bySize = (a: string, b: string) => {
	const [aw, ah] = area(a);
	const [bw, bh] = area(b);
	return aw * ah - bw * bh || bw - aw;
};

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'admin');
	const now = Date.now();
	const book = await catalog(db(), workspaceOf(locals));
	const models = book.map((m) => {
		// Sources are long and shared by many rows: each is listed once per model and numbered.
		const sources = [...new Set(m.prices.map((p) => p.source))];
		const prices = m.prices
			.map((p) => {
				// In force: the newest price of its resolution that has started.
				const later = m.prices.some(
					(q) =>
						q.resolution === p.resolution &&
						q.effectiveFrom > p.effectiveFrom &&
						q.effectiveFrom.getTime() <= now
				);
				const status = p.effectiveFrom.getTime() > now ? 'scheduled' : later ? 'superseded' : 'in force';
				return { ...p, status, sourceRef: sources.indexOf(p.source) + 1 };
			})
			.sort(
				(a, b) => bySize(a.resolution, b.resolution) || a.effectiveFrom.getTime() - b.effectiveFrom.getTime()
			);
		return { ...m, prices, sources };
	});
	// Families whose every model is retired go last: they are kept for history.
	const retired = (family: string) => models.every((m) => m.family !== family || m.retiredOn !== null);
	models.sort((a, b) => Number(retired(a.family)) - Number(retired(b.family)));
	return { models, today: today() };
};

export const actions: Actions = {
	price: async (event) => {
		const input = await parse(event, 'price');
		if (!input.ok) return input.failure;
		const { model, resolution, usdPerSecond, effectiveFrom, source } = input.data;
		const workspaceId = workspaceOf(event.locals);
		const database = db();
		if (!(await catalog(database, workspaceId)).some((m) => m.model === model))
			return refuse('price', input.values, { model: 'Pick a model of the book.' });
		const price = {
			model,
			resolution,
			microsPerSecond: usdToMicros(usdPerSecond),
			effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
			source
		};
		await addPrice(database, workspaceId, price);
		const details = { model, resolution, usdPerSecond, effectiveFrom, source };
		await audit(database, workspaceId, event.locals.user!.email, 'price.added', details);
		return { form: 'price', done: details };
	},

	model: async (event) => {
		const input = await parse(event, 'model');
		if (!input.ok) return input.failure;
		const workspaceId = workspaceOf(event.locals);
		const database = db();
		if (!(await addModel(database, workspaceId, input.data)))
			return refuse('model', input.values, { model: 'This model is already in the book.' });
		await audit(database, workspaceId, event.locals.user!.email, 'model.added', input.data);
		return { form: 'model', done: input.data };
	},

	retire: async (event) => retire(event, 'retire'),
	unretire: async (event) => retire(event, 'unretire'),

	alias: async (event) => {
		const input = await parse(event, 'alias');
		if (!input.ok) return input.failure;
		const { alias, model } = input.data;
		const workspaceId = workspaceOf(event.locals);
		const database = db();
		const book = await catalog(database, workspaceId);
		if (!book.some((m) => m.model === model))
			return refuse('alias', input.values, { model: 'Pick a model of the book.' });
		if (book.some((m) => m.model === alias))
			return refuse('alias', input.values, { alias: 'This is a model id of its own, not an alias.' });
		const mapped = book.find((m) => m.aliases.includes(alias))?.model;
		const previous = mapped && mapped !== model ? mapped : null;
		await mapAlias(database, workspaceId, alias, model);
		await audit(database, workspaceId, event.locals.user!.email, 'alias.mapped', { alias, model, previous });
		return { form: 'alias', done: { alias, model, previous } };
	},

	unalias: async (event) => {
		const input = await parse(event, 'unalias');
		if (!input.ok) return input.failure;
		const { alias } = input.data;
		const workspaceId = workspaceOf(event.locals);
		const database = db();
		const model = (await catalog(database, workspaceId)).find((m) => m.aliases.includes(alias))?.model;
		if (!model) return refuse('unalias', input.values, { alias: 'No such alias.' });
		await removeAlias(database, workspaceId, alias);
		await audit(database, workspaceId, event.locals.user!.email, 'alias.removed', { alias, model });
		return { form: 'unalias', done: { alias, model } };
	},

	preview: async ({ locals }) => {
		requireRole(locals, 'admin');
		return { form: 'reprice', plan: await reprice(db(), workspaceOf(locals), false), applied: false };
	},

	/** Applies only what was previewed: when the book or the attempts changed since, preview again. */
	apply: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const form = await request.formData();
		const database = db();
		const fresh = await reprice(database, workspaceId, false);
		const seen = `${fresh.changed}|${usdToMicros(fresh.afterUsd)}`;
		if (seen !== `${form.get('changed')}|${form.get('afterMicros')}`) {
			const message = 'The book or the attempts changed since the preview: check this new preview.';
			return refuse('reprice', {}, {}, { status: 409, message, with: { plan: fresh, applied: false } });
		}
		const plan = await reprice(database, workspaceId, true);
		const { checked, changed, unpriceable, beforeUsd, afterUsd } = plan;
		const details = { checked, changed, unpriceable, beforeUsd, afterUsd };
		await audit(database, workspaceId, locals.user!.email, 'prices.repriced', details);
		return { form: 'reprice', plan, applied: true };
	}
};

async function retire(event: RequestEvent, form: 'retire' | 'unretire') {
	const input = await parse(event, form);
	if (!input.ok) return input.failure;
	const { model } = input.data;
	const retiredOn = 'retiredOn' in input.data ? input.data.retiredOn : null;
	const workspaceId = workspaceOf(event.locals);
	const database = db();
	if (!(await setRetired(database, workspaceId, model, retiredOn)))
		return refuse(form, input.values, { model: 'No such model in the book.' });
	const action = retiredOn ? 'model.retired' : 'model.unretired';
	await audit(database, workspaceId, event.locals.user!.email, action, { model, retiredOn });
	return { form, done: { model, retiredOn } };
}
