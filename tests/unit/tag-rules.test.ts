// The rule tagger that runs on every ingested attempt without tags: realistic prompts, synonyms,
// plurals, case, and the false friends that must not match.
import { describe, expect, test } from 'vitest';
import { inferTags } from '../../src/lib/tags/rules';
import { SCENE_TAG_NAMES } from '../../src/lib/tags/vocabulary';

const cases: [prompt: string, tags: string[]][] = [
	// synonyms and plurals
	["Extreme close-up of a woman's eye, macro lens, soft window light", ['close-up', 'face']],
	['ECU of a watch mechanism ticking', ['close-up']],
	['Two close ups of dewdrops on a leaf', ['close-up']],
	['Close\u2011up of hair strands blowing in the wind', ['close-up', 'fine-texture']],
	['Hundreds of people dancing at a music festival, confetti everywhere', ['complex-scene', 'high-motion']],
	['Fast whip pan across a busy street market in Marrakech', ['complex-scene', 'high-motion']],
	['Crowds of fans in a stadium, fireworks overhead', ['complex-scene']],
	['Three kittens and two puppies tangled in yarn', ['animals', 'fine-texture']],
	[
		'Knitted wool sweater on a mannequin, studio lighting, 360 turntable product shot',
		['fine-texture', 'product']
	],
	[
		'A golden retriever running on the beach, slow motion, 240fps',
		['animals', 'high-motion', 'landscape', 'slow-motion']
	],
	['A lone hiker crosses a mountain ridge at golden hour, aerial drone shot', ['landscape']],
	['A cat chases butterflies through a meadow', ['animals', 'high-motion', 'landscape']],
	['Hands of a pianist playing the piano, shallow depth of field', ['hands']],
	['A neon sign that reads "OPEN" flickers in a dark alley at night', ['low-light', 'text-in-frame']],
	['Candlelit dinner for two in a café, warm bokeh', ['interior', 'low-light']],
	['Talking head of a CEO explaining quarterly results, lip sync, office background', ['face', 'interior']],
	['Perfume bottle on a pedestal, commercial, smoke swirling around it', ['fluids', 'product']],
	['Studio Ghibli style animation of a girl cycling through wheat fields', ['animation', 'landscape']],
	['Claymation dinosaurs stomping through a miniature town', ['animals', 'animation']],
	['Underwater shot of jellyfish drifting, bioluminescent', ['animals', 'fluids']],
	// case does not matter
	['A SAMURAI DUEL IN THE RAIN, FAST-PACED ACTION SEQUENCE', ['fluids', 'high-motion']],
	// no scene tag at all
	['A red apple on a wooden table', []],
	['', []],
	// false friends
	['A closed door on an empty street, shutters closed', []],
	['Vertical video in portrait mode, 9:16, city skyline at sunset', []],
	['Landscape orientation 16:9, a red sports car parked outside', []],
	['Clean minimal background, no text, no logos, no watermark', []],
	['Minecraft texture pack showcase, blocky world flyover', []],
	["Bird's-eye view of a roundabout", []],
	['Hand-held camera follows a chef plating a dish in a restaurant kitchen', ['interior']],
	['Running water from a kitchen tap, soap bubbles', ['fluids', 'interior']],
	['Two friends having an animated conversation over coffee in a cafe', ['interior']],
	['Rock climber on a sheer cliff face', ['landscape']],
	['The owner closes up the shop for the day; a long-running family business', []],
	['Dark-haired woman eating dim sum, jump cut to a hot dog stand', []]
];

describe('scene tags inferred from a prompt', () => {
	test.each(cases)('%j -> %j', (prompt, tags) => {
		expect(inferTags(prompt)).toEqual(tags);
	});

	test('answers only vocabulary tags, sorted and unique', () => {
		const tags = inferTags('Close-up, close up, CLOSE-UPS of crowds and a crowd at night in the dark');
		expect(tags).toEqual(['close-up', 'complex-scene', 'low-light']);
		for (const tag of inferTags(cases.map(([p]) => p).join('. '))) expect(SCENE_TAG_NAMES).toContain(tag);
	});

	test('stays fast on a long prompt', () => {
		const prompt = 'A slow dolly in on a quiet kitchen. '.repeat(280); // ~10,000 characters, the limit
		const started = performance.now();
		for (let i = 0; i < 100; i++) inferTags(prompt);
		expect((performance.now() - started) / 100).toBeLessThan(5);
	});
});
