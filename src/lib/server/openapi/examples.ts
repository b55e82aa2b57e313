// Examples in the OpenAPI document: the README's figures (sora-2 against sora-2-pro, the seeded data of
// tests/integration/summary.test.ts). Every one is checked against its schema (tests/unit/openapi.test.ts).
import { csvRow } from '$lib/csv';
import { PUBLIC_ATTEMPT_FIELDS, publicAttemptCsvHead } from '../attempts/public';
import { WEEKLY_COLUMNS } from '../export/weekly-csv';

export const attemptExample = {
	id: 'shot-12-take-3',
	project: 'watch-launch',
	model: 'veo-3.1-fast-generate-preview',
	durationSeconds: 8,
	resolution: '1280x720',
	verdict: 'keep',
	tags: ['close-up'],
	shotId: 'shot-12',
	createdAt: '2026-11-20T14:03:00Z'
};

export const batchExample = {
	attempts: [
		attemptExample,
		{ ...attemptExample, id: 'shot-12-take-4', verdict: 'reject', rejectReason: 'warped hands' }
	]
};

export const ingestResultExample = { accepted: 2, duplicates: 0, updated: 0 };

export const verdictPatchExample = { verdict: 'reject', rejectReason: 'warped hands' };

export const publicAttemptExample = {
	id: 'shot-12-take-3',
	project: 'watch-launch',
	model: 'veo-3.1-fast-generate-preview',
	createdAt: '2026-11-20T14:03:00.000Z',
	durationSeconds: 8,
	resolution: '1280x720',
	costUsd: 1.2,
	costSource: 'price_book',
	status: 'succeeded',
	verdict: 'reject',
	rejectReason: 'warped hands',
	reviewSeconds: 35,
	verdictAt: '2026-11-21T09:12:40.000Z',
	verdictBy: 'key:7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b',
	shotId: 'shot-12',
	tags: ['close-up'],
	tagsSource: 'client',
	prompt: null,
	generationSeconds: null,
	creator: null,
	videoUrl: null,
	metadata: null,
	receivedAt: '2026-11-20T14:03:05.311Z'
};

const soraRow = {
	model: 'sora-2',
	family: 'sora-2',
	tier: 0,
	displayName: 'Sora 2',
	attempts: 10,
	kept: 2,
	rejected: 5,
	failed: 1,
	pending: 2,
	decided: 8,
	spendUsd: 9,
	decidedSpendUsd: 7,
	wastedSpendUsd: 5,
	keepRate: 0.25,
	retakeRate: 0.75,
	costPerAttemptUsd: 0.875,
	costPerKeptClipUsd: 3.5,
	keptSeconds: 20,
	costPerKeptSecondUsd: 0.35,
	keepRateInterval: [0.05596688972465881, 0.5916235105733372],
	attemptsPerKeptClip: 4,
	meanGenerationSeconds: null,
	secondsToUsableClip: null,
	// At 45 USD an hour: 240 s of review cost 3 USD.
	reviewSeconds: 240,
	laborUsd: 3,
	allInSpendUsd: 10,
	allInCostPerKeptClipUsd: 5
};

const comparison = {
	family: 'sora-2',
	base: 'sora-2',
	premium: 'sora-2-pro',
	costRatio: 2.4457142857142857,
	breakEvenKeepRate: 0.6114285714285714,
	baseKeepRate: 0.25,
	premiumKeepRate: 0.6,
	baseCostPerKeptClipUsd: 3.5,
	premiumCostPerKeptClipUsd: 3.566666,
	premiumPaysForItself: false,
	probabilityPremiumCheaper: 0.43642334803302996,
	recommendation: 'undecided',
	attemptsToSettle: 30484,
	allInCostRatio: 1.62,
	allInBreakEvenKeepRate: 0.405,
	allInPremiumPaysForItself: true,
	probabilityPremiumCheaperAllIn: 0.83,
	allInRecommendation: 'undecided'
};

export const summaryExample = { laborUsdPerHour: 45, models: [soraRow], comparisons: [comparison] };

const advice = {
	...comparison,
	premiumSavingPer100UsableClipsUsd: -6.6666,
	savingPer100UsableClipsUsd: null,
	rationale:
		'Too close to call: Sora 2 Pro keeps 60% (23–88%) of takes; it needs 61% to pay for itself. Chance Sora 2 Pro is cheaper per usable clip: 44%; about 30,484 more reviewed attempts would settle it.'
};

export const recommendationsExample = {
	laborUsdPerHour: 45,
	pairs: [
		{
			family: 'sora-2',
			base: 'sora-2',
			premium: 'sora-2-pro',
			overall: advice,
			segments: {
				by: 'project',
				listed: [
					{
						segment: 'spot',
						base: {
							attempts: 9,
							kept: 1,
							decided: 7,
							pending: 2,
							keepRate: 0.14285714285714285,
							keepRateInterval: [0.01593, 0.52066],
							costPerAttemptUsd: 0.857142,
							costPerKeptClipUsd: 6,
							allInCostPerKeptClipUsd: 8.25
						},
						premium: null,
						advice: null
					}
				],
				hidden: { segments: 0, decided: 0 },
				counts: { tag: 2, resolution: 1, duration: 2, creator: 0, project: 2 }
			},
			whatIf: {
				dimension: 'project',
				actualUsd: 17.7,
				whatIfUsd: 17.5,
				savingUsd: 0.2,
				savingShare: 0.0113,
				whatIfIntervalUsd: [14.1, 29.6],
				segmentsChanged: 0,
				allIn: {
					actualUsd: 24.45,
					whatIfUsd: 24.45,
					savingUsd: 0,
					savingShare: 0,
					whatIfIntervalUsd: [24.45, 24.45],
					segmentsChanged: 0
				}
			}
		}
	]
};

export const shotsExample = {
	laborUsdPerHour: 45,
	models: [
		{
			model: 'sora-2',
			shots: 4,
			keptShots: 2,
			abandoned: 1,
			inReview: 1,
			histogram: [1, 0, 1, 0, 0, 0],
			medianAttemptsToFirstKeep: 2,
			meanAttemptsToFirstKeep: 2,
			meanCostToFirstKeepUsd: 2,
			abandonedSpendUsd: 3,
			spendPerKeptShotUsd: 4.5,
			reviewSeconds: 480,
			laborUsd: 6,
			allInSpendPerKeptShotUsd: 7.5
		}
	]
};

const handsExample = {
	category: 'hands-anatomy',
	label: 'Hands and anatomy',
	attempts: 3,
	share: 0.5,
	wastedSpendUsd: 2.4,
	reviewSeconds: 120,
	wastedLaborUsd: 1.5,
	wastedAllInUsd: 3.9
};
const mismatchExample = {
	category: 'prompt-mismatch',
	label: 'Prompt mismatch',
	attempts: 2,
	share: 1 / 3,
	wastedSpendUsd: 1.6,
	reviewSeconds: 48,
	wastedLaborUsd: 0.6,
	wastedAllInUsd: 2.2
};
const failedExample = {
	category: 'failed',
	label: 'Failed generation',
	attempts: 1,
	share: 1 / 6,
	wastedSpendUsd: 0,
	reviewSeconds: 0,
	wastedLaborUsd: 0,
	wastedAllInUsd: 0
};

export const rejectReasonsExample = {
	laborUsdPerHour: 45,
	reasons: [handsExample, mismatchExample, failedExample],
	models: [{ model: 'veo-3.1-fast', reasons: [handsExample, mismatchExample, failedExample] }],
	recategorising: false
};

export const weeklyExample = {
	laborUsdPerHour: 45,
	week: '2026-W48',
	previous: '2026-W47',
	next: '2026-W49',
	from: '2026-11-23T00:00:00.000Z',
	to: '2026-11-30T00:00:00.000Z',
	timeZone: 'UTC',
	spendUsd: 9,
	wastedSpendUsd: 5,
	keptClips: 2,
	costPerKeptClipUsd: 4.5,
	reviewSeconds: 240,
	laborUsd: 3,
	allInSpendUsd: 10,
	allInCostPerKeptClipUsd: 5,
	previousWeek: { spendUsd: 12, wastedSpendUsd: 8, costPerKeptClipUsd: 6 },
	budget: {
		period: 'week',
		project: null,
		amountUsd: 50,
		periodFrom: '2026-11-23',
		periodTo: '2026-11-30',
		spendUsd: 9,
		forecastUsd: 21,
		status: 'on track',
		elapsedShare: 0.43
	},
	models: [soraRow],
	comparisons: [comparison],
	previousCostPerKeptClipUsd: { 'sora-2': 6 },
	sinks: {
		projects: [{ name: 'spot', wastedSpendUsd: 5, decided: 7, kept: 1 }],
		tags: [{ name: 'close-up', wastedSpendUsd: 5, decided: 6, kept: 1 }]
	},
	backlog: { pending: 2, pendingSpendUsd: 2, oldestPendingAt: '2026-11-24T10:00:00.000Z' },
	adviceChanges: [
		{
			family: 'sora-2',
			base: 'sora-2',
			premium: 'sora-2-pro',
			before: 'base',
			after: 'undecided',
			probabilityPremiumCheaper: 0.436
		}
	]
};

export const importReportExample = {
	lines: 3,
	accepted: 2,
	duplicates: 0,
	updated: 0,
	refused: [{ line: 2, path: 'durationSeconds', message: 'Too small: expected number to be >0' }],
	refusedCount: 1,
	dryRun: false
};

// The headers are the real column lists: an example cannot name a column the export lacks.
export const attemptsCsvExample =
	publicAttemptCsvHead() +
	csvRow(
		PUBLIC_ATTEMPT_FIELDS.map((field) =>
			field === 'tags' ? 'close-up' : field === 'costUsd' ? '1.200000' : publicAttemptExample[field]
		)
	);

export const weeklyCsvExample =
	csvRow(WEEKLY_COLUMNS) +
	csvRow([
		'2026-W48',
		'2026-11-23',
		'sora-2',
		'sora-2',
		10,
		2,
		5,
		1,
		2,
		'9.000000',
		'7.000000',
		'5.000000',
		0.25,
		'0.875000',
		'3.500000',
		20,
		'0.350000',
		240,
		'3.000000',
		'10.000000',
		'5.000000'
	]);

export const ndjsonExample = `${JSON.stringify(attemptExample)}\n${JSON.stringify({ ...attemptExample, id: 'shot-12-take-4' })}\n`;

export const healthExample = { status: 'ok', database: 'pglite' };
