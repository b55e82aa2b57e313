// Reading a posted form with its zod schema, and the one shape every refused form action answers with.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';

/** The text of each field as it was typed, to put back in the form: repeated fields (checkboxes) as lists. */
export type FormValues = Record<string, string | string[]>;
/** Every message for each field, by the field's name (as `z.flattenError` gives them); pages show the first. */
export type FieldErrors = Record<string, string[]>;

/**
 * What a refused form action returns, for every form: which form of the page it was (pages have several),
 * the values to put back (never a secret such as a password), the errors by field, and a message for the
 * form as a whole (a row that no longer exists, a stale preview, the database away) or null.
 */
export interface FormFailure {
	form: string;
	values: FormValues;
	errors: FieldErrors;
	message: string | null;
}

type Schema = z.ZodObject;

export interface ParseOptions {
	/** Fields never sent back to the page, and read as typed (not trimmed): passwords. */
	secrets?: readonly string[];
	/**
	 * Names put before a field's messages, for schemas shared with the API whose messages are fragments
	 * ("must be an IANA time zone" under "Time zone").
	 */
	labels?: Record<string, string>;
}

export type Parsed<S extends Schema> =
	| { ok: true; data: z.output<S>; values: FormValues }
	| { ok: false; values: FormValues; errors: FieldErrors; message: string | null };

/**
 * The schema's fields read from the form: text trimmed (secrets as typed), an absent field as '', a field the
 * schema reads as an array as every value it was posted with. Fields the schema does not name are ignored.
 */
export function parseForm<S extends Schema>(
	form: FormData,
	schema: S,
	options: ParseOptions = {}
): Parsed<S> {
	const secrets = new Set(options.secrets ?? []);
	const input: Record<string, string | string[]> = {};
	const values: FormValues = {};
	for (const [name, field] of Object.entries(schema.shape)) {
		const many = (field as z.ZodType).def.type === 'array';
		const read = (v: FormDataEntryValue | null) => {
			const text = typeof v === 'string' ? v : '';
			return secrets.has(name) ? text : text.trim();
		};
		input[name] = many ? form.getAll(name).map(read) : read(form.get(name));
		if (!secrets.has(name)) values[name] = input[name];
	}
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, data: parsed.data, values };
	const { formErrors, fieldErrors } = z.flattenError(parsed.error);
	const errors: FieldErrors = {};
	for (const [name, messages] of Object.entries(fieldErrors as Record<string, string[] | undefined>)) {
		const label = options.labels?.[name];
		if (messages?.length) errors[name] = label ? messages.map((m) => `${label} ${m}`) : messages;
	}
	return { ok: false, values, errors, message: formErrors[0] ?? null };
}

/** The 400 of a form that did not parse. */
export function failed<S extends Schema>(form: string, parsed: Extract<Parsed<S>, { ok: false }>) {
	return refuse(form, parsed.values, parsed.errors, { message: parsed.message });
}

/**
 * A refused form in the one shape: `errors` for what is wrong with a field (a string is its one message),
 * `message` for what is wrong with the form as a whole; 400 unless `status` says otherwise. `with` adds what
 * the page needs besides, e.g. a fresh preview when the one applied was stale.
 */
export function refuse<T extends object = object>(
	form: string,
	values: FormValues,
	errors: Record<string, string | string[]>,
	options: { status?: number; message?: string | null; with?: T } = {}
) {
	const fields: FieldErrors = {};
	for (const [name, e] of Object.entries(errors)) fields[name] = typeof e === 'string' ? [e] : e;
	const failure: FormFailure = { form, values, errors: fields, message: options.message ?? null };
	return fail(options.status ?? 400, { ...(options.with as T), ...failure });
}
