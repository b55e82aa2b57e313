import type { SubmitFunction } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/forms/parse';
import { formatDay, formatUsd } from '$lib/format';
import { usdToMicros } from '$lib/metrics/money';
import type { PageData } from '../../../../routes/(app)/settings/prices/$types';

export type Model = PageData['models'][number];
export type Family = { family: string; rows: Model[]; top: number };
/** use:enhance factory that marks which form is busy. */
export type Track = (name: string, reset?: boolean) => SubmitFunction;
/** What each form beside the catalog is given: its errors, which form is busy, what it last did. */
export interface SideForm {
	families: Family[];
	errors: FieldErrors;
	busy: string | null;
	notice: string | null;
	track: Track;
}

// Book prices go to the micro-dollar: show every digit that is there, at least cents.
export function perSecond(micros: number): string {
	const usd = (micros / 1e6).toFixed(6).replace(/0{1,4}$/, '');
	return `$${usd}/s`;
}
export const change = (before: number, after: number) =>
	`${after >= before ? '+' : '−'}${formatUsd(Math.abs(after - before))}`;

/** The notice shown under the price, model and alias forms once the server accepted them. */
export function doneNotice(form: string, d: Record<string, string | number | boolean | null>) {
	switch (form) {
		case 'price':
			return `Added ${perSecond(usdToMicros(Number(d.usdPerSecond)))} for ${d.model} (${d.resolution === '*' ? 'any resolution' : d.resolution}) from ${formatDay(String(d.effectiveFrom))}. Attempts already stored keep their cost until you re-price them.`;
		case 'model':
			return `Added ${d.displayName} (${d.model}) to the ${d.family} family. It has no price yet: add one before sending its attempts without costUsd.`;
		case 'alias':
			return `${d.alias} now means ${d.model}${d.previous ? ` (it meant ${d.previous})` : ''}. Attempts already stored keep their model.`;
		default:
			return null;
	}
}
