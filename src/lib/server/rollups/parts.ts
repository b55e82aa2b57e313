// One statement over the parts of a time plan: whole days from day rollups, whole hours from hour
// rollups, the deltas not folded yet (per hour) for both, and the partial edges from the raw table. Each
// part sums per key (or passes rollup rows as stored, for perTag); the caller sums the parts. One
// statement sees one snapshot, so a fold running meanwhile never makes a change count twice or not at all.
import { sql, type SQL } from 'drizzle-orm';
import type { Cuboid, RollupFamily } from './families';
import { sumOf } from './families';
import type { Interval, TimePlan } from './plan';

export interface Key {
	name: string;
	/** The key of a rollup or delta row, from its bucket start (`bucket` or `hour`). */
	rollup: (time: SQL) => SQL;
	/** The key of a raw row. */
	raw: SQL;
}

export interface PartsQuery {
	family: RollupFamily;
	cuboid: Cuboid;
	workspaceId: string;
	plan: TimePlan;
	keys: Key[];
	/** Conditions on a rollup or delta row's dimensions, each starting with `and`. */
	rollupWhere: SQL;
	raw: {
		from: SQL;
		/** The raw row's time column. */
		time: string;
		where: SQL;
		/** Every sum of the family, aliased by its column name. */
		sums: SQL;
	};
	/**
	 * Rollup and delta rows as stored, not summed per key in each part (raw edges still are): for a caller
	 * that sums the union anyway and whose keys hardly repeat within a part, where summing twice costs more
	 * than it saves.
	 */
	asStored?: boolean;
}

const SEPARATE_PARTS = 24;

const groups = (intervals: Interval[]): Interval[][] =>
	intervals.length <= SEPARATE_PARTS ? intervals.map((i) => [i]) : [intervals];

export function during(column: string, intervals: Interval[]): SQL {
	const col = sql.raw(column);
	const one = (i: Interval) => {
		const parts: SQL[] = [];
		if (i.from !== null) parts.push(sql`${col} >= ${new Date(i.from).toISOString()}::timestamptz`);
		if (i.to !== null) parts.push(sql`${col} < ${new Date(i.to).toISOString()}::timestamptz`);
		return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`;
	};
	return sql`(${sql.join(intervals.map(one), sql` or `)})`;
}

/** The parts, as one `union all`; every part has the keys then the family's sums as columns. */
export function partsUnion(q: PartsQuery): SQL {
	const { family, plan, cuboid } = q;
	const sums = sql.raw(family.sums.map((s) => `${sumOf(s)} as ${s.column}`).join(', '));
	const groupBy = sql.raw(q.keys.map((_, i) => i + 1).join(', '));
	const stored = q.asStored
		? { sums: sql.raw(family.sums.map((s) => s.column).join(', ')), groupBy: sql`` }
		: { sums, groupBy: sql`group by ${groupBy}` };
	const keysOf = (time: SQL) =>
		sql.join(
			q.keys.map((k) => sql`${k.rollup(time)} as ${sql.raw(k.name)}`),
			sql`, `
		);
	// The value a cuboid stores for what it sums over: an equality the (…, project, bucket) index can use.
	const summed = cuboid.keeps.includes('project') ? sql`` : sql`and project = ''`;
	const parts: SQL[] = [];
	// One part per interval, so that each reads one range of its index; past a few dozen (weeks over
	// years), one part per grain, whose ranges the planner can still combine.
	for (const { grain, intervals } of plan.buckets) {
		for (const group of groups(intervals)) {
			parts.push(sql`select ${keysOf(sql`bucket`)}, ${stored.sums} from ${sql.raw(family.rollups)}
				where workspace_id = ${q.workspaceId} and cuboid = ${cuboid.name} and grain = ${grain}
					${summed} and ${during('bucket', group)} ${q.rollupWhere}
				${stored.groupBy}`);
		}
	}
	for (const group of groups(plan.buckets.flatMap((b) => b.intervals))) {
		parts.push(sql`select ${keysOf(sql`hour`)}, ${stored.sums} from ${sql.raw(family.deltas)}
			where workspace_id = ${q.workspaceId} and ${during('hour', group)} ${q.rollupWhere}
			${stored.groupBy}`);
	}
	if (plan.raw.length > 0) {
		const keys = sql.join(
			q.keys.map((k) => sql`${k.raw} as ${sql.raw(k.name)}`),
			sql`, `
		);
		parts.push(sql`select ${keys}, ${q.raw.sums} from ${q.raw.from}
			where ${q.raw.where} and ${during(q.raw.time, plan.raw)}
			group by ${groupBy}`);
	}
	return sql.join(parts, sql` union all `);
}

/**
 * The parts of a query with a key named `tags` (the tag set), as rows per scene tag (`segment`) and the
 * other keys. Rollup rows are summed per tag set once, over all parts, before each set is split into its
 * tags: a set is split once rather than once per bucket row (the sums add up the same either way). Each
 * tag counts once, even where a write outside ingestion stored one twice; a set without any counts in
 * '(untagged)'.
 */
export function perTag(q: PartsQuery): SQL {
	const others = q.keys
		.filter((k) => k.name !== 'tags')
		.map((k) => `, ${k.name}`)
		.join('');
	const sums = q.family.sums.map((s) => `${sumOf(s)} as ${s.column}`).join(', ');
	const columns = q.family.sums.map((s) => s.column).join(', ');
	return sql`select unnest(case when cardinality(tags) = 0 then array['(untagged)']
			else array(select distinct t from unnest(tags) as t) end) as segment${sql.raw(others)},
			${sql.raw(columns)}
		from (select tags${sql.raw(others)}, ${sql.raw(sums)} from (${partsUnion({ ...q, asStored: true })}) as p
			group by tags${sql.raw(others)}) as s`;
}
