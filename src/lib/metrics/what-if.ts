// "Had each segment used its recommended tier": the same usable clips, each bought at the recommended
// tier's observed cost per kept clip. Uncertainty comes from the keep rate of the recommended tier,
// drawn from its Jeffreys posterior with a fixed seed (the cost per attempt is taken as known).
import { costPerAttemptMicros, costPerKeptClipMicros, decided, type Counts } from './figures';
import type { Recommendation } from './confidence';
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

export function whatIf(cells: WhatIfCell[], seed = 7): WhatIf {
	let actual = 0;
	let expected = 0;
	const movable: { kept: number; perAttempt: number; kR: number; dR: number }[] = [];
	let fixed = 0;
	for (const cell of cells) {
		const spent = cell.base.decidedSpendMicros + cell.premium.decidedSpendMicros;
		actual += spent;
		const chosen =
			cell.recommendation === 'premium' ? cell.premium : cell.recommendation === 'base' ? cell.base : null;
		const perKept = chosen ? costPerKeptClipMicros(chosen) : null;
		const perAttempt = chosen ? costPerAttemptMicros(chosen) : null;
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
	const whatIfMicros = Math.round(expected);
	return {
		actualUsd: microsToUsd(actual),
		whatIfUsd: microsToUsd(whatIfMicros),
		savingUsd: microsToUsd(actual - whatIfMicros),
		savingShare: actual === 0 ? null : (actual - whatIfMicros) / actual,
		whatIfIntervalUsd: [microsToUsd(Math.round(low)), microsToUsd(Math.round(high))],
		segmentsChanged: movable.length
	};
}
