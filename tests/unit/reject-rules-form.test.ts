// The reject rules as an admin types them in Settings: one `category: pattern` a line, errors by line.
import { describe, expect, test } from 'vitest';
import { rejectRulesText, rulesToText } from '../../src/lib/schemas/reject-rules';
import { DEFAULT_REJECT_RULES } from '../../src/lib/reasons/categories';

const messages = (text: string) => {
	const parsed = rejectRulesText.safeParse(text);
	return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('rejectRulesText', () => {
	test('reads rules in order, skipping blank lines; a pattern may hold a colon', () => {
		expect(rejectRulesText.parse('faces:  melted face \n\nstyle: look: cheap\r\ncamera:zoom')).toEqual([
			{ category: 'faces', pattern: 'melted face' },
			{ category: 'style', pattern: 'look: cheap' },
			{ category: 'camera', pattern: 'zoom' }
		]);
	});

	test('the defaults survive a round trip through the text', () => {
		expect(rejectRulesText.parse(rulesToText(DEFAULT_REJECT_RULES))).toEqual(DEFAULT_REJECT_RULES);
	});

	test.each([
		['melted face', ['Line 1: write "category: pattern", e.g. "faces: melted face"']],
		['faces: ok\nvibes: bad', [expect.stringMatching(/^Line 2: category must be one of hands-anatomy, /)]],
		['failed: timeout', [expect.stringMatching(/^Line 1: category must be one of/)]],
		['faces:   ', ['Line 1: pattern needs a pattern after the colon']],
		[
			'faces: -face',
			['Line 1: pattern must start with a letter or a digit (it matches where a word starts)']
		],
		[`faces: ${'a'.repeat(101)}`, ['Line 1: pattern is longer than 100 characters']]
	])('%j is refused: %j', (text, expected) => {
		expect(messages(text)).toEqual(expected);
	});

	test('more than 500 rules are refused', () => {
		expect(messages(Array.from({ length: 501 }, (_, i) => `faces: f${i}`).join('\n'))).toEqual([
			'At most 500 rules'
		]);
	});
});
