// The advice sentence and the cards beside it show the same figures: issue 13 saw "100% likely to be
// cheaper" next to a card saying "> 99.9%", and "1.3x" next to "1.33x". Every number the sentence writes
// must be the formatter's output for that figure, on many random pairs.
import { describe, expect, test } from 'vitest';
import { advise } from '../../src/lib/metrics/advice';
import { emptyCounts } from '../../src/lib/metrics/figures';
import { mulberry32 } from '../../src/lib/metrics/random';
import { modelRow, type ModelCounts } from '../../src/lib/metrics/summary';
import {
	formatCount,
	formatPercent,
	formatProbability,
	formatRateWithInterval,
	formatRatio,
	formatUsd
} from '../../src/lib/format';

/** A tier with `kept` of `decided` decided takes at `micros` a take (names without digits). */
function tier(name: string, tierN: number, kept: number, decided: number, micros: number): ModelCounts {
	const spend = decided * micros;
	return {
		...emptyCounts(),
		model: `${name.toLowerCase()}-id`,
		family: 'f',
		tier: tierN,
		displayName: name,
		attempts: decided,
		kept,
		rejected: decided - kept,
		spendMicros: spend,
		decidedSpendMicros: spend,
		keptSpendMicros: kept * micros
	};
}

/** The strings the cards show for the figures the sentence names (PairCard, AdviceList, BreakEven). */
function cardFigures(base: ModelCounts, premium: ModelCounts) {
	const a = advise(base, premium);
	const p = modelRow(premium);
	return {
		advice: a,
		figures: [
			formatRateWithInterval(a.premiumKeepRate, p.keepRateInterval),
			formatPercent(a.breakEvenKeepRate),
			formatRatio(a.costRatio),
			// The base's keep rate is named when the break-even is within reach.
			...(a.breakEvenKeepRate !== null && a.breakEvenKeepRate <= 1 ? [formatPercent(a.baseKeepRate)] : []),
			formatProbability(a.probabilityPremiumCheaper),
			...(a.recommendation === 'undecided'
				? a.attemptsToSettle === null
					? []
					: [formatCount(a.attemptsToSettle)]
				: a.savingPer100UsableClipsUsd === null
					? []
					: [formatUsd(a.savingPer100UsableClipsUsd)])
		]
	};
}

describe('the advice sentence', () => {
	const random = mulberry32(13);
	const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const pairs = Array.from({ length: 150 }, () => {
		const bd = int(1, 400);
		const pd = int(1, 400);
		return [
			tier('Cheap', 0, int(0, bd), bd, int(10_000, 2_000_000)),
			tier('Dear', 1, int(0, pd), pd, int(10_000, 6_000_000))
		] as const;
	});

	test.each(pairs.map((p, i) => [i, ...p]))(
		'pair %i: every number is the card figure, written the same way',
		(_i, base, premium) => {
			const { advice, figures } = cardFigures(base, premium);
			let rest = advice.rationale;
			if (advice.costRatio === null || advice.breakEvenKeepRate === null) {
				expect(rest).toBe('Not enough reviewed attempts to compare Dear with Cheap.');
				return;
			}
			// The keep rate, with its interval, comes first; the break-even may equal the base's keep rate.
			for (const figure of figures) {
				expect(rest, `${figure} in: ${advice.rationale}`).toContain(figure);
				rest = rest.replace(figure, '');
			}
			// Nothing numeric is left: no figure written a second, different way ("100%", "1.3×").
			expect(rest.replaceAll('per 100 usable clips', ''), advice.rationale).not.toMatch(/\d/);
		}
	);

	test('a near-certain premium reads "> 99.9%" in the sentence as on the card', () => {
		const a = advise(tier('Cheap', 0, 2, 200, 1_000_000), tier('Dear', 1, 190, 200, 1_330_000));
		expect(a.probabilityPremiumCheaper).toBeGreaterThan(0.999);
		expect(a.rationale).toContain('Chance it is cheaper per usable clip: > 99.9%');
		expect(a.rationale).toContain('at 1.33× the cost per attempt');
		expect(a.rationale).not.toContain('100%');
	});

	test('a hopeless premium reads "only < 0.1%", never "0% likely"', () => {
		const a = advise(tier('Cheap', 0, 190, 200, 1_000_000), tier('Dear', 1, 20, 200, 3_010_000));
		expect(a.rationale).toContain('Chance Dear is cheaper per usable clip: only < 0.1%');
		expect(a.rationale).toContain('3.01×');
		expect(a.rationale).not.toMatch(/\b0%/);
	});
});
