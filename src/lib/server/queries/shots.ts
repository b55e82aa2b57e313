// Shots: the takes and retakes of one clip (shotId). How many takes, and how much money, until the first
// keep; which shots were given up. A shot counts in the range its first take falls in, with all its takes;
// the project, model and tag filters apply to the shot (its project, its model or '(mixed)', its first
// take's tags). Answered from shot rollups, with the edges of the range from the shots table.
import { sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { ShotGroup, ShotState } from '$lib/metrics/shots';
import type { Db } from '../db/connection';
import { rowsOf } from '../rollups/compact';
import { cuboidFor, SHOT_ROLLUPS } from '../rollups/families';
import { partsUnion } from '../rollups/parts';
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
	const parts = partsUnion({
		family: SHOT_ROLLUPS,
		cuboid,
		workspaceId,
		plan: timePlan(filters, [], cuboid, options),
		keys: [
			column('model'),
			{ ...column('takes_to_first_keep'), raw: sql`coalesce(takes_to_first_keep, 0)` },
			{
				...column('state'),
				raw: sql`case when takes_to_first_keep is not null then 'kept'
					when pending_takes > 0 then 'review' else 'abandoned' end`
			}
		],
		rollupWhere: dimensionFilters(filters),
		raw: {
			from: sql`shots`,
			time: 'first_at',
			where: sql`workspace_id = ${workspaceId} ${dimensionFilters(filters)}`,
			sums: sql`count(*) as shots, sum(takes)::bigint as takes,
				coalesce(sum(cost_to_first_keep_micros), 0)::bigint as cost_to_first_keep_micros,
				sum(spend_micros)::bigint as spend_micros`
		}
	});
	const result = await db.execute(sql`select model, takes_to_first_keep, state,
			sum(shots)::bigint as shots, sum(takes)::bigint as takes,
			sum(cost_to_first_keep_micros)::bigint as cost, sum(spend_micros)::bigint as spend
		from (${parts}) as p
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
		spendMicros: Number(r.spend)
	}));
}
