// Words for the tiers of a family, by position: a family may have two tiers or more, so only the cheapest
// (the base) and the dearest (the top) have names of their own; a pair names its models. Pure.

/**
 * A tier's label within its family's tiers: 'base' for the lowest, 'top' for the highest, 'middle' for
 * the one between them in a three-tier family, 'tier n of m' (counting from 1) for the others.
 */
export function tierLabel(tier: number, tiers: number[]): string {
	const ranks = [...new Set(tiers)].sort((a, b) => a - b);
	const position = ranks.indexOf(tier);
	if (position <= 0) return 'base';
	if (position === ranks.length - 1) return 'top';
	if (ranks.length === 3) return 'middle';
	return `tier ${position + 1} of ${ranks.length}`;
}

/**
 * A family as people read it. The leading words of a model's display name that spell the family id
 * ('Veo 3.1' in 'Veo 3.1 Fast' for 'veo-3.1'); else the words every display name starts with ('Kling 3.0'
 * for 'Kling 3.0 Standard' and 'Kling 3.0 Pro'); else the family id itself.
 */
export function familyName(family: string, displayNames: string[]): string {
	const names = [...new Set(displayNames)].map((n) => n.trim().split(/\s+/));
	const spelled = (words: string[]) => words.join('-').toLowerCase() === family.toLowerCase();
	for (const words of names) {
		for (let n = 1; n <= words.length; n++)
			if (spelled(words.slice(0, n))) return words.slice(0, n).join(' ');
	}
	if (names.length < 2) return family;
	const common: string[] = [];
	for (let i = 0; names.every((n) => n.length > i && n[i] === names[0][i]); i++) common.push(names[0][i]);
	return common.length > 0 ? common.join(' ') : family;
}

/** The display name of every family, from the models listed (model rows of any kind). */
export function familyNames(models: { family: string; displayName: string }[]): Map<string, string> {
	const members = new Map<string, string[]>();
	for (const m of models) members.set(m.family, [...(members.get(m.family) ?? []), m.displayName]);
	return new Map([...members].map(([family, names]) => [family, familyName(family, names)]));
}
