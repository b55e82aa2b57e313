// The reviewers' queue: reject reasons on the number keys 1 to 5.
export const REJECT_REASONS = [
	'artifacts',
	'wrong motion',
	'off-brief',
	'face or hands',
	'text garbled'
] as const;
