// Counts per (segment, model) over any range, from attempt rollups and raw edges (see parts.ts).
import { and, inArray, sql, type SQL } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { Dimension } from '$lib/schemas/segments';
import { addDays, mondayOf } from '$lib/metrics/weeks';
import { dayOf, startOfDay } from '$lib/metrics/time-zones';
import type { ModelCounts } from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { countColumns, whereAttempts } from '../queries/filters';
import { rowsOf } from './compact';
import { ATTEMPT_ROLLUPS, cuboidFor, grainsOf, sumOf, type Cuboid } from './families';
import { partsUnion, perTag, type PartsQuery } from './parts';
import { planRange, type TimePlan } from './plan';

export interface SegmentCounts extends ModelCounts {
	segment: string;
}

/** What the counts are grouped by besides the model: nothing, ISO weeks in a zone, or a segment. */
export type Grouping = { by: 'none' } | { by: 'week'; timeZone: string } | { by: Dimension };

export interface ReadOptions {
	/** Only these models (all when absent). */
	models?: string[];
	/** 'raw' reads every attempt: the plain GROUP BY that rollups must equal (benchmarks, checks). */
	source?: 'rollups' | 'raw';
}

/** The plan of a range: all raw for `source: 'raw'`, else rollups where whole buckets allow. */
export function timePlan(filters: Filters, cuts: number[], cuboid: Cuboid, options: ReadOptions): TimePlan {
	const from = filters.from?.getTime() ?? null;
	const to = filters.to?.getTime() ?? null;
	return options.source === 'raw'
		? { buckets: [], raw: [{ from, to }] }
		: planRange(from, to, cuts, grainsOf(cuboid));
}

export async function groupedCounts(
	db: Db,
	workspaceId: string,
	filters: Filters,
	grouping: Grouping,
	options: ReadOptions = {}
): Promise<SegmentCounts[]> {
	const { models } = options;
	if (models?.length === 0) return [];
	const cuboid = cuboidFor(ATTEMPT_ROLLUPS, needs(filters, grouping));
	let cuts: number[] = [];
	if (grouping.by === 'week') {
		const weeks = await weekCuts(db, workspaceId, filters, grouping.timeZone);
		if (!weeks) return [];
		({ cuts, filters } = { cuts: weeks.cuts, filters: { ...filters, ...weeks.span } });
	}
	const c = countColumns;
	const byTag = grouping.by === 'tag';
	const query: PartsQuery = {
		family: ATTEMPT_ROLLUPS,
		cuboid,
		workspaceId,
		plan: timePlan(filters, cuts, cuboid, options),
		keys: [
			{
				name: byTag ? 'tags' : 'segment',
				rollup: (time) => segmentOf(grouping, time, false),
				raw: segmentOf(grouping, sql`created_at`, true)
			},
			{ name: 'model', rollup: () => sql`model`, raw: sql`model` }
		],
		rollupWhere: dimensionFilters(filters, models),
		raw: {
			from: sql`${attempts}`,
			time: 'created_at',
			where: and(
				whereAttempts(workspaceId, { ...filters, from: undefined, to: undefined }),
				models ? inArray(attempts.model, models) : undefined
			)!,
			sums: sql`${c.attempts} as attempts, ${c.kept} as kept, ${c.rejected} as rejected,
				${c.failed} as failed, ${c.pending} as pending, ${c.spendMicros}::bigint as spend_micros,
				${c.decidedSpendMicros}::bigint as decided_spend_micros,
				${c.keptSpendMicros}::bigint as kept_spend_micros, ${c.keptSeconds} as kept_seconds,
				${c.generationSeconds} as generation_seconds, ${c.timedAttempts} as timed_attempts,
				${c.reviewSeconds} as review_seconds`
		}
	};
	const result = await db.execute(sql`select p.segment, p.model,
			coalesce(m.family, p.model) as family, coalesce(m.tier, 0) as tier,
			coalesce(m.display_name, p.model) as display_name, ${sql.raw(outerSums)}
		from (${byTag ? perTag(query) : partsUnion(query)}) as p
		left join models m on m.workspace_id = ${workspaceId} and m.model = p.model
		group by p.segment, p.model, m.family, m.tier, m.display_name
		having sum(p.attempts) <> 0
		order by p.segment, p.model`);
	return rowsOf(result).map(toCounts);
}

function needs(filters: Filters, grouping: Grouping): string[] {
	const dims = ['model'];
	if (filters.project || grouping.by === 'project') dims.push('project');
	if ((filters.tag?.length ?? 0) > 0 || grouping.by === 'tag') dims.push('tags');
	if (grouping.by === 'resolution' || grouping.by === 'duration' || grouping.by === 'creator') {
		dims.push(grouping.by);
	}
	return dims;
}

const COUNT_NAMES: Record<string, keyof ModelCounts> = {
	attempts: 'attempts',
	kept: 'kept',
	rejected: 'rejected',
	failed: 'failed',
	pending: 'pending',
	spend_micros: 'spendMicros',
	decided_spend_micros: 'decidedSpendMicros',
	kept_spend_micros: 'keptSpendMicros',
	kept_seconds: 'keptSeconds',
	generation_seconds: 'generationSeconds',
	timed_attempts: 'timedAttempts',
	review_seconds: 'reviewSeconds'
};

const outerSums = ATTEMPT_ROLLUPS.sums.map((s) => `${sumOf(s, 'p.')} as ${s.column}`).join(', ');

function toCounts(row: Record<string, unknown>): SegmentCounts {
	const counts = Object.fromEntries(
		ATTEMPT_ROLLUPS.sums.map((s) => [COUNT_NAMES[s.column], Number(row[s.column])])
	);
	return {
		segment: String(row.segment),
		model: String(row.model),
		family: String(row.family),
		tier: Number(row.tier),
		displayName: String(row.display_name),
		...counts
	} as SegmentCounts;
}

/** The segment label of a row, from its time column (bucket start or createdAt) and dimensions. */
function segmentOf(grouping: Grouping, time: SQL, raw: boolean): SQL {
	switch (grouping.by) {
		case 'none':
			return sql`''`;
		case 'week':
			return weekOf(time, grouping.timeZone);
		case 'tag':
			// The tag set, split into its tags once the parts are summed (perTag).
			return sql`tags`;
		case 'project':
			return sql`project`;
		case 'resolution':
			return raw ? sql`coalesce(resolution, '(unknown)')` : sql`resolution`;
		case 'creator':
			return raw ? sql`coalesce(creator, '(unknown)')` : sql`creator`;
		case 'duration':
			return raw ? sql`keeprate_duration_bucket(duration_seconds)` : sql`duration`;
	}
}

export const weekOf = (time: SQL, timeZone: string) =>
	sql`to_char(date_trunc('week', ${time} at time zone ${timeZone}), 'YYYY-MM-DD')`;

/** Project, model and tag filters on the dimensions of a rollup row. */
export function dimensionFilters(filters: Filters, models?: string[]): SQL {
	const parts: SQL[] = [];
	if (filters.project) parts.push(sql`and project = ${filters.project}`);
	if (filters.model) parts.push(sql`and model = ${filters.model}`);
	if (filters.tag && filters.tag.length > 0) {
		const tags = sql.join(
			filters.tag.map((t) => sql`${t}`),
			sql`, `
		);
		parts.push(sql`and tags @> array[${tags}]::text[]`);
	}
	if (models) {
		const list = sql.join(
			models.map((m) => sql`${m}`),
			sql`, `
		);
		parts.push(sql`and model in (${list})`);
	}
	return sql.join(parts, sql` `);
}

/**
 * Where ISO weeks start in the zone, over the part of the range that holds the workspace's attempts: a
 * range from 2000 cuts no more weeks than the data spans. The read is narrowed to that span (nothing
 * outside it counts), so that no bucket it reads straddles a week: a change and the later change that
 * undoes it (a deleted attempt) then fall in the same week, whichever buckets hold them. Null: no attempt.
 */
async function weekCuts(
	db: Db,
	workspaceId: string,
	filters: Filters,
	timeZone: string
): Promise<{ cuts: number[]; span: { from: Date; to: Date } } | null> {
	const [row] = rowsOf(
		await db.execute(sql`select min(created_at) as first, max(created_at) as last
			from ${attempts} where workspace_id = ${workspaceId}`)
	);
	if (!row?.first) return null;
	const first = Math.max(asDate(row.first).getTime(), filters.from?.getTime() ?? -Infinity);
	const end = Math.min(asDate(row.last).getTime() + 1, filters.to?.getTime() ?? Infinity);
	if (first >= end) return null;
	const cuts: number[] = [];
	for (let monday = mondayOf(dayOf(new Date(first), timeZone)); ; monday = addDays(monday, 7)) {
		const start = startOfDay(monday, timeZone).getTime();
		if (start >= end) return { cuts, span: { from: new Date(first), to: new Date(end) } };
		cuts.push(start);
	}
}

/** Drivers answer a timestamptz as a Date (postgres.js, PGlite) or as text. */
const asDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
