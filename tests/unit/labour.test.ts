describe('the overview sentence when labour flips the advice', () => {
	const row = (model: string, displayName: string, allIn: number) => ({
		model,
		displayName,
		allInCostPerKeptClipUsd: allIn
	});
	const models = [row('cheap', 'Cheap 1', 9.5), row('dear', 'Dear 1', 4.25)];
	const pair = (recommendation: string | null, allInRecommendation: string | null) =>
		({ base: 'cheap', premium: 'dear', recommendation, allInRecommendation }) as unknown as Comparison;

	test.each([
		['no flip', [pair('base', 'base')], null],
		['no rate (no all-in advice)', [pair('base', null)], null],
		[
			'base to premium',
			[pair('base', 'premium')],
			'Counting review time at $45.00 an hour changes the advice for Dear 1 against Cheap 1: use Dear 1 ' +
				'(all-in $4.25 against $9.50 per usable clip), where the model bill alone says stay on Cheap 1.'
		],
		[
			'two pairs flip: the first is named, the other counted',
			[pair('premium', 'undecided'), pair('base', 'premium')],
			'Counting review time at $45.00 an hour changes the advice for Dear 1 against Cheap 1 (and for 1 more ' +
				'pair): it is too close to call (all-in $4.25 against $9.50 per usable clip), where the model bill ' +
				'alone says use Dear 1.'
		]
	])('%s', (_, comparisons, sentence) => {
		expect(labourFlipSentence(comparisons, models, 45)).toBe(sentence);
	});
});
