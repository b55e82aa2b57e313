// Shots: the takes and retakes of one clip (shotId). How many takes, and how much money, until the first
// keep; which shots were given up. A shot counts in the range its first take falls in, with all its takes;
// the project, model and tag filters apply to the shot (its project, its model or '(mixed)', its first
// take's tags). Answered from shot rollups, with the edges of the range from the shots table, corrected
// for the shots whose takes changed since the compactor last settled them (named in shot_changes).
import { sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { ShotGroup, ShotState } from '$lib/metrics/shots';
import type { Db } from '../db/connection';
import { rowsOf } from '../rollups/compact';
import { cuboidFor, SHOT_ROLLUPS } from '../rollups/families';
import { during, partsUnion } from '../rollups/parts';
import { dimensionFilters, timePlan, type ReadOptions } from '../rollups/read';

export async function shotGroups(
	db: Db,
	workspaceId: string,
	filters: Filters,
	options: ReadOptions = {}
): Promise<ShotGroup[]> {
	const needs = ['model', 'takes_to_first_keep', 'state'];
	if (filters.project) needs.push('project');
	if ((filters.tag?.length ?? 0) > 0) needs.push('tags');
	const cuboid = cuboidFor(SHOT_ROLLUPS, needs);
	const column = (name: string) => ({ name, rollup: () => sql.raw(name), raw: sql.raw(name) });
	const keys = [
		column('model'),
		{ ...column('takes_to_first_keep'), raw: sql`coalesce(takes_to_first_keep, 0)` },
		{
			...column('state'),
			raw: sql`case when takes_to_first_keep is not null then 'kept'
				when pending_takes > 0 then 'review' else 'abandoned' end`
		}
	];
	const parts = partsUnion({
		family: SHOT_ROLLUPS,
		cuboid,
		workspaceId,
		plan: timePlan(filters, [], cuboid, options),
		keys,
		rollupWhere: dimensionFilters(filters),
		raw: {
			from: sql`shots`,
			time: 'first_at',
			where: sql`workspace_id = ${workspaceId} ${dimensionFilters(filters)}`,
			sums: sql`count(*) as shots, sum(takes)::bigint as takes,
				coalesce(sum(cost_to_first_keep_micros), 0)::bigint as cost_to_first_keep_micros,
				sum(spend_micros)::bigint as spend_micros, sum(review_seconds) as review_seconds`
		}
	});
	// What the parts counted for a changed shot is its shots row (out of date): take that away and add
	// its state recomputed from its takes, over the whole range.
	const changed = sql`(select distinct shot_id from shot_changes where workspace_id = ${workspaceId})`;
	const range = during('first_at', [
		{ from: filters.from?.getTime() ?? null, to: filters.to?.getTime() ?? null }
	]);
	const correction = sql`select ${sql.join(
		keys.map((k) => sql`${k.raw} as ${sql.raw(k.name)}`),
		sql`, `
	)}, sum(sign)::bigint as shots, sum(sign * takes)::bigint as takes,
			coalesce(sum(sign * cost_to_first_keep_micros), 0)::bigint as cost_to_first_keep_micros,
			sum(sign * spend_micros)::bigint as spend_micros, sum(sign * review_seconds) as review_seconds
		from (
			select s.*, -1 as sign from shots as s
			where s.workspace_id = ${workspaceId} and s.shot_id in ${changed}
			union all
			select f.*, 1 as sign from ${changed} as c,
				lateral keeprate_shot_state(${workspaceId}, c.shot_id) as f
		) as corrected
		where takes > 0 and ${range} ${dimensionFilters(filters)}
		group by 1, 2, 3`;
	const result = await db.execute(sql`select model, takes_to_first_keep, state,
			sum(shots)::bigint as shots, sum(takes)::bigint as takes,
			sum(cost_to_first_keep_micros)::bigint as cost, sum(spend_micros)::bigint as spend,
			sum(review_seconds) as review_seconds
		from (${parts} union all ${correction}) as p
		group by model, takes_to_first_keep, state
		having sum(shots) <> 0
		order by model, takes_to_first_keep, state`);
	return rowsOf(result).map((r) => ({
		model: String(r.model),
		takesToFirstKeep: Number(r.takes_to_first_keep),
		state: r.state as ShotState,
		shots: Number(r.shots),
		takes: Number(r.takes),
		costToFirstKeepMicros: Number(r.cost),
		spendMicros: Number(r.spend),
		reviewSeconds: Number(r.review_seconds)
	}));
}
