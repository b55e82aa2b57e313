// Form submission helpers shared by the settings forms. Browser-only (they run inside use:enhance).
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Progressive enhancement with a busy flag; after a refusal, focus moves to the first field in error so that
 * keyboard and screen-reader users land on the message next to it.
 */
export function submitting(setBusy: (busy: boolean) => void, reset = true): SubmitFunction {
	return ({ formElement }) => {
		setBusy(true);
		return async ({ update, result }) => {
			await update({ reset, invalidateAll: true });
			setBusy(false);
			if (result.type === 'failure') formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		};
	};
}
