// The reviewers' queue: reject reasons on the number keys 1 to 5. They are the names of the reject
// categories reviewers need most, which the default rules place in their own category (Why clips fail).
import { categoryLabel, type RejectCategory } from '$lib/reasons/categories';

const SUGGESTED: RejectCategory[] = [
	'hands-anatomy',
	'motion-artefacts',
	'prompt-mismatch',
	'faces',
	'text-logos'
];

export const REJECT_REASONS = SUGGESTED.map(categoryLabel) as [string, ...string[]];
