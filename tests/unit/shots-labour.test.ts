// The review labour of shots (docs/figures.md#review-labour-of-shots-and-reject-categories): review time of
// every shot's decided takes, priced at a rate; the all-in twin of the spend per kept shot.
import { describe, expect, test } from 'vitest';
import { shotStatsOfGroups, type ShotGroup, type ShotState } from '../../src/lib/metrics/shots';

const group = (
	state: ShotState,
	shots: number,
	spendMicros: number,
	reviewSeconds: number,
	takesToFirstKeep = state === 'kept' ? 1 : 0
): ShotGroup => ({
	model: 'm',
	takesToFirstKeep,
	state,
	shots,
	takes: shots,
	costToFirstKeepMicros: state === 'kept' ? spendMicros : 0,
	spendMicros,
	reviewSeconds
});

// $36 an hour: 100 s cost $1.
const RATE = 36_000_000;

describe('shotStatsOfGroups with a labour rate', () => {
	test('every shot’s review time counts, abandoned and in review included, over the kept shots', () => {
		// Two kept shots ($4, 150 s), one abandoned ($3, 100 s), one in review ($2, 50 s).
		const [s] = shotStatsOfGroups(
			[
				group('kept', 2, 4_000_000, 150),
				group('abandoned', 1, 3_000_000, 100),
				group('review', 1, 2_000_000, 50)
			],
			RATE
		);
		expect(s.reviewSeconds).toBe(300);
		expect(s.laborUsd).toBe(3);
		expect(s.spendPerKeptShotUsd).toBe(4.5);
		// ($9 of takes + $3 of review) / 2 kept shots.
		expect(s.allInSpendPerKeptShotUsd).toBe(6);
	});

	test('no rate: the review time is given, its money is null', () => {
		const [s] = shotStatsOfGroups([group('kept', 1, 1_000_000, 42.5)]);
		expect(s).toMatchObject({ reviewSeconds: 42.5, laborUsd: null, allInSpendPerKeptShotUsd: null });
	});

	test('no kept shot: the labour is priced, the all-in per kept shot is null', () => {
		const [s] = shotStatsOfGroups([group('abandoned', 3, 3_000_000, 36)], RATE);
		expect(s).toMatchObject({ laborUsd: 0.36, allInSpendPerKeptShotUsd: null, spendPerKeptShotUsd: null });
	});

	test('a zero rate: the all-in equals the spend per kept shot; fractions round to the micro-dollar', () => {
		const groups = [group('kept', 3, 1_000_000, 10), group('abandoned', 1, 0, 0.1)];
		const [free] = shotStatsOfGroups(groups, 0);
		expect(free.allInSpendPerKeptShotUsd).toBe(free.spendPerKeptShotUsd);
		// $37.25 an hour: 10.1 s cost 104 506.94... micro-dollars; ($1 + that) / 3 = $0.368169.
		const [odd] = shotStatsOfGroups(groups, 37_250_000);
		expect(odd.laborUsd).toBe(0.104507);
		expect(odd.allInSpendPerKeptShotUsd).toBe(0.368169);
	});
});
