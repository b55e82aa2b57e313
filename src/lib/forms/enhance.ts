// The one use:enhance helper of the settings and account forms. Browser-only (it runs inside use:enhance).
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

export interface SubmitOptions {
	/** Empty the form once the server accepts it (default); false keeps what was typed, e.g. picked options. */
	reset?: boolean;
	/** Called once the page has updated, with the server's answer and the form. */
	after?: (result: ActionResult, form: HTMLFormElement) => void;
}

/**
 * Progressive enhancement with a busy flag; after a refusal, focus moves to the first field in error so that
 * keyboard and screen-reader users land on the message next to it.
 */
export function submitting(setBusy: (busy: boolean) => void, options: SubmitOptions = {}): SubmitFunction {
	const { reset = true, after } = options;
	return ({ formElement }) => {
		setBusy(true);
		return async ({ update, result }) => {
			await update({ reset, invalidateAll: true });
			setBusy(false);
			if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
			after?.(result, formElement);
		};
	};
}
