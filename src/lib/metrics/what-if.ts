// "Had each segment used its recommended tier": the same usable clips, each bought at the recommended
// tier's observed cost per kept clip. Uncertainty comes from the keep rate of the recommended tier,
// drawn from its Jeffreys posterior with a fixed seed (the cost per attempt is taken as known). The
// model bill's what-if, and its all-in twin (docs/figures.md#all-in-what-if) priced with review labour.
import { decided, ratio, type Counts } from './figures';
import type { Recommendation } from './confidence';
import { allInSpendMicros, type LaborRate } from './labour';
import { betaSumQuantiles, type BetaSumTerms } from './beta-draws';
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

/**
 * The q-quantiles of a sum of Beta draws: betaSumQuantiles, or the same numbers made elsewhere (on the
 * server, another thread: then a promise of them).
 */
export type SumQuantiles<R = number[]> = (
	terms: BetaSumTerms,
	draws: number,
	seed: number,
	qs: number[]
) => R;

/** The model bill's what-if: each cell's recommendation, its decided spend. */
export function whatIf(cells: WhatIfCell[], seed = 7): WhatIf {
	const p = priced(cells, billSpend);
	return finished(p, interval(p, seed, betaSumQuantiles));
}

/**
 * The all-in what-if: each cell's recommendation is its all-in one (the caller's), and every spend is the
 * decided spend plus its review labour at `rate`. Null without a rate.
 */
export function allInWhatIf(cells: WhatIfCell[], rate: LaborRate, seed = 7): WhatIf | null {
	if (rate === null) return null;
	const p = priced(cells, allInSpend(rate));
	return finished(p, interval(p, seed, betaSumQuantiles));
}

/** whatIf, its draws made by `quantiles`: the same figures. */
export async function whatIfLater(
	cells: WhatIfCell[],
	quantiles: SumQuantiles<Promise<number[]>>,
	seed = 7
): Promise<WhatIf> {
	const p = priced(cells, billSpend);
	return finished(p, await interval(p, seed, quantiles));
}

/** allInWhatIf, its draws made by `quantiles`. */
export async function allInWhatIfLater(
	cells: WhatIfCell[],
	rate: LaborRate,
	quantiles: SumQuantiles<Promise<number[]>>,
	seed = 7
): Promise<WhatIf | null> {
	if (rate === null) return null;
	const p = priced(cells, allInSpend(rate));
	return finished(p, await interval(p, seed, quantiles));
}

/** The interval's quantiles: 95%. */
const BOUNDS = [0.025, 0.975];

const billSpend = (c: Counts) => c.decidedSpendMicros;
const allInSpend = (rate: LaborRate) => (c: Counts) => allInSpendMicros(c, rate)!;

/** A what-if before its draws: its sums, and the terms to draw (null: nothing moves). */
interface Priced {
	actual: number;
	expected: number;
	fixed: number;
	terms: BetaSumTerms | null;
	segmentsChanged: number;
}

/** The what-if's sums with a group's spend (micro-dollars, possibly fractional) priced by `spend`. */
function priced(cells: WhatIfCell[], spend: (c: Counts) => number): Priced {
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
	const terms =
		movable.length === 0
			? null
			: {
					fixed,
					costs: movable.map((m) => m.kept * m.perAttempt),
					a: movable.map((m) => m.kR + 0.5),
					b: movable.map((m) => m.dR - m.kR + 0.5)
				};
	return { actual, expected, fixed, terms, segmentsChanged: movable.length };
}

/** The bounds of the interval, from the draws (by `quantiles`); the fixed spend when nothing moves. */
function interval<R>(p: Priced, seed: number, quantiles: SumQuantiles<R>): R | number[] {
	return p.terms ? quantiles(p.terms, DRAWS, seed, BOUNDS) : [p.fixed, p.fixed];
}

/** The what-if from its sums and its interval's bounds. */
function finished({ actual, expected, segmentsChanged }: Priced, [low, high]: number[]): WhatIf {
	// The bill's sums are whole micro-dollars already; labour makes the all-in ones fractional.
	const actualMicros = Math.round(actual);
	const whatIfMicros = Math.round(expected);
	return {
		actualUsd: microsToUsd(actualMicros),
		whatIfUsd: microsToUsd(whatIfMicros),
		savingUsd: microsToUsd(actualMicros - whatIfMicros),
		savingShare: actualMicros === 0 ? null : (actualMicros - whatIfMicros) / actualMicros,
		whatIfIntervalUsd: [microsToUsd(Math.round(low)), microsToUsd(Math.round(high))],
		segmentsChanged
	};
}
