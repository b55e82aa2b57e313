// Reject rules as an admin types them: one rule a line, `category: pattern`, in the order they apply.
// The category comes first because patterns may hold any character, ':' included.
import { z } from 'zod';
import { RULE_CATEGORY_IDS, type RejectRule } from '$lib/reasons/categories';

export const MAX_RULES = 500;
export const MAX_PATTERN = 100;

export const rulesToText = (rules: RejectRule[]) =>
	rules.map((r) => `${r.category}: ${r.pattern}`).join('\n');

/** One rule: a category a rule may give, and a pattern that starts with a letter or digit. */
export const rejectRuleSchema = z.strictObject({
	category: z.enum(RULE_CATEGORY_IDS, `must be one of ${RULE_CATEGORY_IDS.join(', ')}`),
	pattern: z
		.string()
		.trim()
		.min(1, 'needs a pattern after the colon')
		.max(MAX_PATTERN, `is longer than ${MAX_PATTERN} characters`)
		// A lookahead, so that an empty pattern gets the one message above.
		.regex(/^(?![^\p{L}\p{N}])/u, 'must start with a letter or a digit (it matches where a word starts)')
});

/** The text to rules; blank lines are skipped. Every problem is reported with its line number. */
export const rejectRulesText = z
	.string()
	.max(MAX_RULES * (MAX_PATTERN + 40))
	.transform((text, ctx): RejectRule[] => {
		const rules: RejectRule[] = [];
		text.split(/\r?\n/).forEach((line, i) => {
			if (line.trim() === '') return;
			const colon = line.indexOf(':');
			if (colon < 0) {
				ctx.addIssue({
					code: 'custom',
					message: `Line ${i + 1}: write "category: pattern", e.g. "faces: melted face"`
				});
				return;
			}
			const candidate = { category: line.slice(0, colon).trim(), pattern: line.slice(colon + 1) };
			const parsed = rejectRuleSchema.safeParse(candidate);
			if (parsed.success) rules.push(parsed.data);
			else
				for (const issue of parsed.error.issues)
					ctx.addIssue({
						code: 'custom',
						message: `Line ${i + 1}: ${String(issue.path[0])} ${issue.message}`
					});
		});
		if (rules.length > MAX_RULES) ctx.addIssue({ code: 'custom', message: `At most ${MAX_RULES} rules` });
		return rules;
	});

export const rejectRulesForm = z.strictObject({ rules: rejectRulesText });
