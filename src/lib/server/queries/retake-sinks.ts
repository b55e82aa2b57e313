// Where the wasted spend went: projects and scene tags with the most cost of decided attempts not kept.
import { sql } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { wastedSpendMicros } from '$lib/metrics/figures';
import { microsToUsd } from '$lib/metrics/money';
import { sumCounts } from '$lib/metrics/summary';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';
import { groupedCounts, type ReadOptions } from '../rollups/read';
import { isPending, whereAttempts } from './filters';

export interface Sink {
	name: string;
	wastedSpendUsd: number;
	decided: number;
	kept: number;
}

/** The `limit` projects or tags with the most wasted spend (ties by name); attempts without tags are left out. */
export async function retakeSinks(
	db: Db,
	workspaceId: string,
	filters: Filters,
	by: 'project' | 'tag',
	limit = 5,
	options: ReadOptions = {}
): Promise<Sink[]> {
	const rows = await groupedCounts(db, workspaceId, filters, { by }, options);
	const names = [...new Set(rows.map((r) => r.segment))].filter(
		(n) => by === 'project' || n !== '(untagged)'
	);
	return names
		.map((name) => {
			const c = sumCounts(rows.filter((r) => r.segment === name));
			return { name, wasted: wastedSpendMicros(c), decided: c.kept + c.rejected + c.failed, kept: c.kept };
		})
		.filter((s) => s.wasted > 0)
		.sort((a, b) => b.wasted - a.wasted || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.slice(0, limit)
		.map((s) => ({ name: s.name, wastedSpendUsd: microsToUsd(s.wasted), decided: s.decided, kept: s.kept }));
}

export interface Backlog {
	pending: number;
	pendingSpendUsd: number;
	oldestPendingAt: string | null;
}

/** Attempts still waiting for a verdict: counts from rollups, the oldest from the pending index. */
export async function reviewBacklog(
	db: Db,
	workspaceId: string,
	filters: Filters,
	options: ReadOptions = {}
): Promise<Backlog> {
	const [counts, [oldest]] = await Promise.all([
		groupedCounts(db, workspaceId, filters, { by: 'none' }, options),
		db
			.select({ at: sql<string | null>`min(${attempts.createdAt})` })
			.from(attempts)
			.where(sql`${whereAttempts(workspaceId, filters)} and ${isPending}`)
	]);
	const c = sumCounts(counts);
	return {
		pending: c.pending,
		pendingSpendUsd: microsToUsd(c.spendMicros - c.decidedSpendMicros),
		oldestPendingAt: oldest.at ? new Date(oldest.at).toISOString() : null
	};
}
