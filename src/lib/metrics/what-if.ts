// "Had each segment used its recommended tier": the same usable clips, each bought at the recommended
// tier's observed cost per kept clip. Uncertainty comes from the keep rate of the recommended tier,
// drawn from its Jeffreys posterior with a fixed seed (the cost per attempt is taken as known). The
// model bill's what-if, and its all-in twin (docs/figures.md#all-in-what-if) priced with review labour.
import { decided, ratio, type Counts } from './figures';
import type { Recommendation } from './confidence';
import { allInSpendMicros, type LaborRate } from './labour';
import { betaSumQuantiles } from './beta-draws';
import { microsToUsd } from './money';

export interface WhatIfCell {
	base: Counts;
	premium: Counts;
	recommendation: Recommendation | null;
}

export interface WhatIf {
	/** Decided spend on the pair, as it happened. */
	actualUsd: number;
	/** The same kept clips at the recommended tiers' cost per kept clip. */
	whatIfUsd: number;
	savingUsd: number;
	/** savingUsd / actualUsd; null without spend. */
	savingShare: number | null;
	/** 95% interval of whatIfUsd. */
	whatIfIntervalUsd: [number, number];
	/** Segments whose recommendation is premium or base (the others are left as they were). */
	segmentsChanged: number;
}

/** Seeded draws per what-if: the bounds of its interval vary by about 3% of its half-width between seeds. */
const DRAWS = 2000;

/** The model bill's what-if: each cell's recommendation, its decided spend. */
export function whatIf(cells: WhatIfCell[], seed = 7): WhatIf {
	return pricedWhatIf(cells, (c) => c.decidedSpendMicros, seed);
}

/**
 * The all-in what-if: each cell's recommendation is its all-in one (the caller's), and every spend is the
 * decided spend plus its review labour at `rate`. Null without a rate.
 */
export function allInWhatIf(cells: WhatIfCell[], rate: LaborRate, seed = 7): WhatIf | null {
	if (rate === null) return null;
	return pricedWhatIf(cells, (c) => allInSpendMicros(c, rate)!, seed);
}

/** The what-if with a group's spend (micro-dollars, possibly fractional) priced by `spend`. */
function pricedWhatIf(cells: WhatIfCell[], spend: (c: Counts) => number, seed: number): WhatIf {
	let actual = 0;
	let expected = 0;
	const movable: { kept: number; perAttempt: number; kR: number; dR: number }[] = [];
	let fixed = 0;
	for (const cell of cells) {
		const spent = spend(cell.base) + spend(cell.premium);
		actual += spent;
		const chosen =
			cell.recommendation === 'premium' ? cell.premium : cell.recommendation === 'base' ? cell.base : null;
		const perKept = chosen ? ratio(spend(chosen), chosen.kept) : null;
		const perAttempt = chosen ? ratio(spend(chosen), decided(chosen)) : null;
		if (!chosen || perKept === null || perAttempt === null) {
			fixed += spent;
			expected += spent;
			continue;
		}
		const kept = cell.base.kept + cell.premium.kept;
		expected += kept * perKept;
		movable.push({ kept, perAttempt, kR: chosen.kept, dR: decided(chosen) });
	}
	const [low, high] =
		movable.length === 0
			? [fixed, fixed]
			: betaSumQuantiles(
					{
						fixed,
						costs: movable.map((m) => m.kept * m.perAttempt),
						a: movable.map((m) => m.kR + 0.5),
						b: movable.map((m) => m.dR - m.kR + 0.5)
					},
					DRAWS,
					seed,
					[0.025, 0.975]
				);
	// The bill's sums are whole micro-dollars already; labour makes the all-in ones fractional.
	const actualMicros = Math.round(actual);
	const whatIfMicros = Math.round(expected);
	return {
		actualUsd: microsToUsd(actualMicros),
		whatIfUsd: microsToUsd(whatIfMicros),
		savingUsd: microsToUsd(actualMicros - whatIfMicros),
		savingShare: actualMicros === 0 ? null : (actualMicros - whatIfMicros) / actualMicros,
		whatIfIntervalUsd: [microsToUsd(Math.round(low)), microsToUsd(Math.round(high))],
		segmentsChanged: movable.length
	};
}
