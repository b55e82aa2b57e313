// Reading a page's `form` prop on the page: the refusal of one named form, in the shape of ./parse.ts.
import type { FieldErrors, FormFailure, FormValues } from './parse';

export interface FormState {
	values: FormValues;
	errors: FieldErrors;
	message: string | null;
}

const NONE: FormState = { values: {}, errors: {}, message: null };

const isFailure = (form: unknown): form is FormFailure =>
	typeof form === 'object' && form !== null && 'errors' in form && 'values' in form && 'form' in form;

/** What the server said about the form named `name`: nothing when another form of the page (or none) answered. */
export function failureOf(form: unknown, name: string): FormState {
	if (!isFailure(form) || form.form !== name) return NONE;
	return { values: form.values, errors: form.errors, message: form.message };
}

/** A field's text as it was posted, or `fallback` when the form was not refused. */
export function valueOf(state: FormState, name: string, fallback = ''): string {
	const value = state.values[name];
	return typeof value === 'string' ? value : fallback;
}
