// The form kit: a posted form read with its zod schema, the one refusal shape every settings and account
// form answers with, and the page's reading of it.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { failed, parseForm, refuse } from '../../src/lib/forms/parse';
import { failureOf, valueOf } from '../../src/lib/forms/state';

const form = (fields: [string, string][]) => {
	const data = new FormData();
	for (const [name, value] of fields) data.append(name, value);
	return data;
};

const member = z.strictObject({
	email: z.email('Enter an email address.').max(320),
	password: z.string().min(10, 'At least 10 characters.'),
	projects: z.array(z.string().regex(/^[a-z-]+$/, 'Lowercase letters and - only.')).max(3)
});

describe('parseForm', () => {
	test('a form that fits gives the parsed data, and the trimmed text to put back', () => {
		const parsed = parseForm(
			form([
				['email', '  ada@example.com '],
				['password', ' a long password '],
				['projects', 'watch-launch'],
				['projects', 'teaser']
			]),
			member,
			{ secrets: ['password'] }
		);
		expect(parsed).toEqual({
			ok: true,
			data: { email: 'ada@example.com', password: ' a long password ', projects: ['watch-launch', 'teaser'] },
			values: { email: 'ada@example.com', projects: ['watch-launch', 'teaser'] }
		});
	});

	test('every message of every field, from z.flattenError, by field name', () => {
		const parsed = parseForm(
			form([
				['email', 'not an email'],
				['password', 'short'],
				['projects', 'Teaser'],
				['projects', 'ok']
			]),
			member
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual({
			email: ['Enter an email address.'],
			password: ['At least 10 characters.'],
			projects: ['Lowercase letters and - only.']
		});
		expect(parsed.message).toBeNull();
	});

	test('a field with several problems lists them all, in the order the schema checks them', () => {
		const id = z.strictObject({
			model: z.string().min(1, 'Enter the model id.').regex(/^\w/, 'Starts with a letter or digit.')
		});
		const parsed = parseForm(form([]), id);
		expect(parsed.ok ? null : parsed.errors).toEqual({
			model: ['Enter the model id.', 'Starts with a letter or digit.']
		});
	});

	test('an absent field reads as empty text, an absent list as no values; unnamed fields are ignored', () => {
		const parsed = parseForm(form([['extra', 'x']]), member);
		expect(parsed.values).toEqual({ email: '', password: '', projects: [] });
		expect(parsed.ok ? null : Object.keys(parsed.errors).sort()).toEqual(['email', 'password']);
	});

	test('a secret is never sent back, whether the form fits or not', () => {
		const secret = 'correct horse battery staple';
		const refused = parseForm(
			form([
				['email', 'nope'],
				['password', secret]
			]),
			member,
			{ secrets: ['password'] }
		);
		expect(refused.ok).toBe(false);
		expect(refused.values).toEqual({ email: 'nope', projects: [] });
		expect(JSON.stringify(refused)).not.toContain(secret);
		if (refused.ok) return;
		const answer = failed('add', refused);
		expect(JSON.stringify(answer.data)).not.toContain(secret);
	});

	test("labels name the field before a shared schema's fragment", () => {
		const settings = z.strictObject({ timeZone: z.string().refine((v) => v === 'UTC', 'must be UTC') });
		const parsed = parseForm(form([['timeZone', 'Mars/Olympus']]), settings, {
			labels: { timeZone: 'Time zone' }
		});
		expect(parsed.ok ? null : parsed.errors).toEqual({ timeZone: ['Time zone must be UTC'] });
	});

	test('a rule about the whole form becomes its message', () => {
		const pair = z
			.strictObject({ a: z.string(), b: z.string() })
			.refine((v) => v.a !== v.b, 'The two must differ.');
		const parsed = parseForm(
			form([
				['a', 'x'],
				['b', 'x']
			]),
			pair
		);
		expect(parsed.ok ? null : { errors: parsed.errors, message: parsed.message }).toEqual({
			errors: {},
			message: 'The two must differ.'
		});
	});
});

describe('the refusal shape', () => {
	test('a form that does not parse: 400, with which form, its values, its errors and no message', () => {
		const parsed = parseForm(form([['email', 'x']]), member);
		if (parsed.ok) throw new Error('expected a refusal');
		const answer = failed('add', parsed);
		expect(answer.status).toBe(400);
		expect(answer.data).toEqual({
			form: 'add',
			values: { email: 'x', password: '', projects: [] },
			errors: {
				email: ['Enter an email address.'],
				password: ['At least 10 characters.']
			},
			message: null
		});
	});

	test('a check after parsing: one message becomes a list of one; status and message as given', () => {
		const answer = refuse('revoke', { id: 'k1' }, { id: 'No such key.' }, { status: 404, message: 'Gone.' });
		expect(answer.status).toBe(404);
		expect(answer.data).toEqual({
			form: 'revoke',
			values: { id: 'k1' },
			errors: { id: ['No such key.'] },
			message: 'Gone.'
		});
	});

	test('what the page needs besides rides along, and cannot overwrite the shape', () => {
		const answer = refuse(
			'reprice',
			{},
			{},
			{ status: 409, message: 'Stale.', with: { plan: 3, form: 'x' } }
		);
		expect(answer.status).toBe(409);
		expect(answer.data).toEqual({ plan: 3, form: 'reprice', values: {}, errors: {}, message: 'Stale.' });
	});
});

describe('failureOf on the page', () => {
	const answer = refuse('budget', { amountUsd: 'lots' }, { amountUsd: 'Enter an amount.' }).data;

	test('the named form gets its values, errors and message', () => {
		const state = failureOf(answer, 'budget');
		expect(state).toEqual({
			values: { amountUsd: 'lots' },
			errors: { amountUsd: ['Enter an amount.'] },
			message: null
		});
		expect(valueOf(state, 'amountUsd', '500')).toBe('lots');
	});

	test('another form of the page, a success or no answer at all: nothing, and fields show their defaults', () => {
		for (const other of [
			failureOf(answer, 'settings'),
			failureOf({ form: 'budget', added: {} }, 'budget'),
			failureOf(null, 'budget')
		]) {
			expect(other).toEqual({ values: {}, errors: {}, message: null });
			expect(valueOf(other, 'amountUsd', '500')).toBe('500');
		}
	});
});
