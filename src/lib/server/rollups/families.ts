// The kinds of rollups: attempt counts (every count figure), shot outcomes (the shots figures) and reject
// categories (why clips fail).
// Each has a delta table, appended by triggers in the writing transaction, and a rollup table of
// cuboids: a cuboid keeps some dimensions and sums over the others. A read takes the smallest cuboid
// that keeps every dimension it filters or groups by.

import { GRAINS, type Grain } from './plan';

export interface Cuboid {
	name: string;
	keeps: string[];
	/** Also kept per hour (the edges of a range); otherwise what whole hours would serve is read raw. */
	hours: boolean;
}

/** The grains a cuboid is kept at, coarsest first. */
export const grainsOf = (cuboid: Cuboid): Grain[] =>
	cuboid.hours ? GRAINS : GRAINS.filter((g) => g.name !== 'hour');

/** The start of the bucket of `grain` that holds the UTC hour in `column`. */
export function bucketOf(grain: Grain, column: string): string {
	if (grain.name === 'hour') return column;
	if (grain.name === 'day') return `date_trunc('day', ${column}, 'UTC')`;
	const seconds = grain.ms / 1000;
	return `to_timestamp(floor(extract(epoch from ${column}) / ${seconds}) * ${seconds})`;
}

export interface Sum {
	column: string;
	/** Exact decimal (numeric) rather than a whole number. */
	decimal?: boolean;
}

export interface RollupFamily {
	name: string;
	deltas: string;
	rollups: string;
	constraint: string;
	/** Every dimension, in table order; what a cuboid sums over holds `summedOver`. */
	dimensions: string[];
	summedOver: Record<string, string>;
	sums: Sum[];
	/** Smallest first. */
	cuboids: Cuboid[];
}

const whole = (...columns: string[]): Sum[] => columns.map((column) => ({ column }));

export const ATTEMPT_ROLLUPS: RollupFamily = {
	name: 'attempts',
	deltas: 'rollup_deltas',
	rollups: 'attempt_rollups',
	constraint: 'attempt_rollups_pk',
	dimensions: ['project', 'model', 'tags', 'resolution', 'duration', 'creator'],
	summedOver: {
		project: "''",
		model: "''",
		tags: "'{}'::text[]",
		resolution: "''",
		duration: "''",
		creator: "''"
	},
	sums: [
		...whole('attempts', 'kept', 'rejected', 'failed', 'pending'),
		...whole('spend_micros', 'decided_spend_micros', 'kept_spend_micros'),
		{ column: 'kept_seconds', decimal: true },
		{ column: 'generation_seconds', decimal: true },
		...whole('timed_attempts'),
		{ column: 'review_seconds', decimal: true }
	],
	// Model is in every cuboid: every figure is per model.
	cuboids: [
		{ name: 'm', keeps: ['model'], hours: true },
		{ name: 'pm', keeps: ['project', 'model'], hours: true },
		{ name: 'mr', keeps: ['model', 'resolution'], hours: true },
		{ name: 'md', keeps: ['model', 'duration'], hours: true },
		{ name: 'mc', keeps: ['model', 'creator'], hours: true },
		{ name: 'mt', keeps: ['model', 'tags'], hours: true },
		{ name: 'pmt', keeps: ['project', 'model', 'tags'], hours: true },
		{ name: 'all', keeps: ['project', 'model', 'tags', 'resolution', 'duration', 'creator'], hours: false }
	]
};

const SHOT_OUTCOME = ['model', 'takes_to_first_keep', 'state'];

export const SHOT_ROLLUPS: RollupFamily = {
	name: 'shots',
	deltas: 'shot_deltas',
	rollups: 'shot_rollups',
	constraint: 'shot_rollups_pk',
	dimensions: ['project', 'model', 'tags', 'takes_to_first_keep', 'state'],
	summedOver: { project: "''", tags: "'{}'::text[]" },
	sums: [
		...whole('shots', 'takes', 'cost_to_first_keep_micros', 'spend_micros'),
		{ column: 'review_seconds', decimal: true }
	],
	// The outcome (model, takes to the first keep, state) is in every cuboid: the shots figures need it.
	cuboids: [
		{ name: 'm', keeps: SHOT_OUTCOME, hours: true },
		{ name: 'pm', keeps: ['project', ...SHOT_OUTCOME], hours: true },
		{ name: 'mt', keeps: ['tags', ...SHOT_OUTCOME], hours: true },
		{ name: 'pmt', keeps: ['project', 'tags', ...SHOT_OUTCOME], hours: true }
	]
};

export const REASON_ROLLUPS: RollupFamily = {
	name: 'reasons',
	deltas: 'reason_deltas',
	rollups: 'reason_rollups',
	constraint: 'reason_rollups_pk',
	dimensions: ['project', 'model', 'tags', 'category'],
	summedOver: { project: "''", tags: "'{}'::text[]" },
	sums: [...whole('attempts', 'wasted_spend_micros'), { column: 'review_seconds', decimal: true }],
	// Model and category are in every cuboid: the figures are per model and category.
	cuboids: [
		{ name: 'm', keeps: ['model', 'category'], hours: true },
		{ name: 'pm', keeps: ['project', 'model', 'category'], hours: true },
		{ name: 'mt', keeps: ['model', 'tags', 'category'], hours: true },
		{ name: 'pmt', keeps: ['project', 'model', 'tags', 'category'], hours: true }
	]
};

export const FAMILIES = [ATTEMPT_ROLLUPS, SHOT_ROLLUPS, REASON_ROLLUPS];

export function cuboidFor(family: RollupFamily, needs: string[]): Cuboid {
	return family.cuboids.find((c) => needs.every((d) => c.keeps.includes(d)))!;
}

/** sum(column), as the column's own type. */
export const sumOf = (sum: Sum, prefix = '') =>
	sum.decimal ? `sum(${prefix}${sum.column})` : `sum(${prefix}${sum.column})::bigint`;

/** A group whose sums all cancel out counts nothing. */
export const countsSomething = (family: RollupFamily) =>
	family.sums.map((s) => `${s.column} <> 0`).join(' or ');
