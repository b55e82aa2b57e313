// Why clips fail: decided attempts not kept per model and reject category (failed ones as `failed`), what
// they cost and the review time spent on them, from reason rollups and raw edges (rollups/parts.ts);
// optionally per scene tag.
import { and, isNotNull, sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { reasonFigures, type ReasonCounts } from '$lib/metrics/reasons';
import type { LaborRate } from '$lib/metrics/labour';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { rowsOf } from '../rollups/compact';
import { cuboidFor, REASON_ROLLUPS } from '../rollups/families';
import { partsUnion, perTag, type PartsQuery } from '../rollups/parts';
import { dimensionFilters, timePlan, type ReadOptions } from '../rollups/read';
import { whereAttempts } from './filters';

export interface SegmentReasonCounts extends ReasonCounts {
	/** The scene tag ('(untagged)' for none) when grouped by tag, else ''. */
	segment: string;
}

export async function reasonCounts(
	db: Db,
	workspaceId: string,
	filters: Filters,
	by: 'none' | 'tag' = 'none',
	options: ReadOptions = {}
): Promise<SegmentReasonCounts[]> {
	const needs = ['model', 'category'];
	if (filters.project) needs.push('project');
	if ((filters.tag?.length ?? 0) > 0 || by === 'tag') needs.push('tags');
	const cuboid = cuboidFor(REASON_ROLLUPS, needs);
	// By tag: the tag set, split into its tags once the parts are summed (perTag).
	const segment = by === 'tag' ? { name: 'tags', key: sql`tags` } : { name: 'segment', key: sql`''` };
	const query: PartsQuery = {
		family: REASON_ROLLUPS,
		cuboid,
		workspaceId,
		plan: timePlan(filters, [], cuboid, options),
		keys: [
			{ name: segment.name, rollup: () => segment.key, raw: segment.key },
			{ name: 'model', rollup: () => sql`model`, raw: sql`model` },
			{ name: 'category', rollup: () => sql`category`, raw: sql`reject_category` }
		],
		rollupWhere: dimensionFilters(filters),
		raw: {
			from: sql`${attempts}`,
			time: 'created_at',
			where: and(
				whereAttempts(workspaceId, { ...filters, from: undefined, to: undefined }),
				isNotNull(attempts.rejectCategory)
			)!,
			sums: sql`count(*)::bigint as attempts, sum(${attempts.costMicros})::bigint as wasted_spend_micros,
				coalesce(sum(${attempts.reviewSeconds}::numeric), 0) as review_seconds`
		}
	};
	const result = await db.execute(sql`select p.segment, p.model, p.category,
			sum(p.attempts)::bigint as attempts, sum(p.wasted_spend_micros)::bigint as wasted_spend_micros,
			sum(p.review_seconds) as review_seconds
		from (${by === 'tag' ? perTag(query) : partsUnion(query)}) as p
		group by p.segment, p.model, p.category
		having sum(p.attempts) <> 0 or sum(p.wasted_spend_micros) <> 0 or sum(p.review_seconds) <> 0
		order by p.segment, p.model, p.category`);
	return rowsOf(result).map((row) => ({
		segment: String(row.segment),
		model: String(row.model),
		category: String(row.category),
		attempts: Number(row.attempts),
		wastedSpendMicros: Number(row.wasted_spend_micros),
		reviewSeconds: Number(row.review_seconds)
	}));
}

/** The answer of GET /api/v1/reject-reasons, review time priced at `rate` (null: no labour money). */
export async function rejectReasons(
	db: Db,
	workspaceId: string,
	filters: Filters,
	options: ReadOptions = {},
	rate: LaborRate = null
) {
	return reasonFigures(await reasonCounts(db, workspaceId, filters, 'none', options), rate);
}
