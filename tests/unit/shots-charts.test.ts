// The shots page's preparation: the attempts-to-first-keep histogram, and time to a usable clip.
import { describe, expect, test } from 'vitest';
import {
	attemptsHistogram,
	familySpeeds,
	histogramMax,
	timeToUsableChart,
	type SpeedInput
} from '../../src/lib/charts/shots';
import { modelColours } from '../../src/lib/charts/palette';
import { formatAttempts, formatClipSeconds, formatSeconds } from '../../src/lib/format';
import { shotStats } from '../../src/lib/metrics/shots';

const shot = (model: string, attemptsToFirstKeep: number | null, hasPending = false) => ({
	model,
	attemptsToFirstKeep,
	costToFirstKeepMicros: attemptsToFirstKeep === null ? null : attemptsToFirstKeep * 500_000,
	spendMicros: 2_000_000,
	hasPending
});

const [fast] = shotStats([
	shot('fast', 1),
	shot('fast', 1),
	shot('fast', 3),
	shot('fast', 7),
	shot('fast', null),
	shot('fast', null, true)
]);

describe('attempts histogram', () => {
	const chart = attemptsHistogram(fast, 'Fast', '#0072B2', 10);

	test('counts shots per bin, with the open-ended 6+', () => {
		expect(chart.config.data.labels).toEqual(['1', '2', '3', '4', '5', '6+']);
		expect(chart.config.data.datasets[0].data).toEqual([2, 0, 1, 0, 0, 1]);
	});

	test('labels both axes with their units and shares the y maximum', () => {
		const { x, y } = chart.config.options!.scales!;
		expect(x?.title).toMatchObject({ display: true, text: 'Attempts to the first keep' });
		expect(y?.title).toMatchObject({ display: true, text: 'Shots (count)' });
		expect(y).toMatchObject({ beginAtZero: true, suggestedMax: 10 });
	});

	test('says that shots without a keep are not drawn', () => {
		expect(chart.notes).toEqual(['2 shots have no keep yet and are not in the histogram.']);
		expect(chart.summary).toMatch(/^Fast: 2 kept on take 1, 0 kept on take 2, 1 kept on take 3/);
	});

	test('the shared maximum is the tallest bin of any model (at least 1)', () => {
		expect(histogramMax([{ histogram: [2, 5, 1] }, { histogram: [7, 0] }])).toBe(7);
		expect(histogramMax([{ histogram: [0, 0] }])).toBe(1);
		expect(histogramMax([])).toBe(1);
	});
});

describe('formats', () => {
	test.each([
		[null, '—'],
		[38.4, '38 s'],
		[119.6, '2 min'],
		[337, '5 min 37 s'],
		[3600, '60 min']
	])('%s seconds read %s', (s, text) => {
		expect(formatSeconds(s)).toBe(text);
	});

	test.each([
		[null, '—'],
		[2, '2'],
		[2.5, '2.5'],
		[1.2692, '1.3']
	])('%s attempts read %s', (n, text) => {
		expect(formatAttempts(n)).toBe(text);
	});

	test.each([
		[null, '—'],
		[8, '8 s'],
		[4.5, '4.5 s'],
		[1200, '1,200 s']
	])('a clip of %s seconds reads %s', (s, text) => {
		expect(formatClipSeconds(s)).toBe(text);
	});
});

const speed = (over: Partial<SpeedInput> & Pick<SpeedInput, 'model'>): SpeedInput => ({
	displayName: over.model,
	family: 'kling',
	tier: 0,
	meanGenerationSeconds: 38,
	attemptsPerKeptClip: 8.8,
	secondsToUsableClip: 38 * 8.8,
	...over
});

const std = speed({ model: 'std' });
const pro = speed({
	model: 'pro',
	tier: 1,
	meanGenerationSeconds: 94,
	attemptsPerKeptClip: 1.3,
	secondsToUsableClip: 122
});
const turbo = speed({ model: 'turbo', family: 'runway', attemptsPerKeptClip: 1.9, secondsToUsableClip: 72 });
const aleph = speed({
	model: 'aleph',
	family: 'runway',
	tier: 1,
	meanGenerationSeconds: 94,
	attemptsPerKeptClip: 1.6,
	secondsToUsableClip: 150
});
const lone = speed({ model: 'wan', family: 'wan' });
const untimed = speed({
	model: 'lite',
	family: 'veo',
	meanGenerationSeconds: null,
	secondsToUsableClip: null
});
const timed = speed({ model: 'veo', family: 'veo', tier: 1 });

describe('time to a usable clip', () => {
	const families = familySpeeds([std, pro, turbo, aleph, lone, untimed, timed]);

	test('groups by family in the order given', () => {
		expect(families.map((f) => f.family)).toEqual(['kling', 'runway', 'wan', 'veo']);
	});

	test('says when the faster tier per attempt is slower per usable clip', () => {
		expect(families[0].fastestPerAttempt).toBe(std);
		expect(families[0].fastestPerClip).toBe(pro);
		expect(families[0].verdict).toBe(
			'std is faster per attempt (38 s against 94 s), but pro gets to a usable clip sooner (2 min 2 s against 5 min 34 s): it needs fewer retakes.'
		);
	});

	test('says when the faster tier per attempt is also faster per usable clip', () => {
		expect(families[1].fastestPerAttempt).toBe(turbo);
		expect(families[1].fastestPerClip).toBe(turbo);
		expect(families[1].verdict).toBe(
			'turbo is faster per attempt (38 s) and also per usable clip (72 s against 2 min 30 s).'
		);
	});

	test.each([
		[2, 'Only one tier of this family in range: nothing to compare.'],
		[3, 'Not enough timed, kept attempts on two tiers to compare.']
	])('family %i has nothing to compare', (i, verdict) => {
		expect(families[i].fastestPerAttempt).toBeNull();
		expect(families[i].verdict).toBe(verdict);
	});

	test('the chart has a bar per model in seconds, a gap for a model without timing', () => {
		const models = [std, pro, untimed];
		const chart = timeToUsableChart(models, modelColours(models.map((m) => m.model)));
		expect(chart.config.data.datasets[0].data).toEqual([334, 122, null]);
		expect(chart.valueLabels).toEqual(['5 min 34 s', '2 min 2 s', 'no figure']);
		expect(chart.notes).toEqual(['lite: no attempt reports its generation time.']);
		expect(chart.config.options?.scales?.x?.title).toMatchObject({
			display: true,
			text: 'Generation time per usable clip (s)'
		});
	});
});
