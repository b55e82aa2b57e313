import type { PageData } from '../../../routes/(app)/review/$types';

export const BLIND_KEY = 'keeprate.review.blind';

export type Take = NonNullable<PageData['take']>;

export interface Entry {
	id: string;
	verdict: 'keep' | 'reject';
	reason: string | null;
	label: string;
	modelName: string;
	at: string;
}

export const snippet = (t: Take) =>
	t.prompt ? (t.prompt.length > 70 ? `${t.prompt.slice(0, 68)}…` : t.prompt) : `a take of ${t.project}`;

export const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });

export function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
	const nonText = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'];
	return target instanceof HTMLInputElement && !nonText.includes(target.type);
}
