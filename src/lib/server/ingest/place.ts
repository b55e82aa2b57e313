// The reject category of new attempts, placed before they are copied in: each distinct reason of a batch
// once, by the database's own keeprate_place_reject (drizzle/0016_ingest_upkeep.sql), instead of a row
// trigger matching every rejected row's reason against every rule group. Rows left unplaced (too few to be
// worth a query) are placed by that trigger, with the same function: the stored category is the same.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import type { NewAttempt } from '../db/schema';
import { rowsOf } from '../rollups/compact';

type Category = NonNullable<NewAttempt['rejectCategory']>;
type Placement = { category: Category | null; by: NewAttempt['rejectCategoryBy'] | null };

/**
 * A query costs a round trip; the trigger about 35 µs a row (on 2 cores): below this many rows whose
 * reasons need matching, the trigger places them.
 */
export const PLACE_IN_ONE_QUERY_FROM = 16;

/** Places found once, by workspace and reason: one batch (one COPY) at a time. */
export type Placements = Map<string, Placement>;

const keyOf = (workspaceId: string, reason: string) => `${workspaceId}\u0000${reason}`;

/** Needs a rule to place: a generated clip rejected with a reason that has some character in it. */
const needsRules = (row: NewAttempt): row is NewAttempt & { rejectReason: string } =>
	row.status !== 'failed' && row.verdict === 'reject' && !!row.rejectReason;

/**
 * Sets rejectCategory and rejectCategoryBy of `rows` where they are certain without the rules (failed,
 * kept, pending, rejected without a reason) or known from `placements`; when at least
 * PLACE_IN_ONE_QUERY_FROM rows need the rules, their unknown reasons are placed in one query first. Other
 * rows stay unplaced (null), for the trigger.
 */
export async function placeRejects(db: Db, rows: NewAttempt[], placements: Placements): Promise<void> {
	const missing = new Map<string, Set<string>>();
	let matching = 0;
	for (const row of rows) {
		if (!needsRules(row)) continue;
		matching++;
		if (placements.has(keyOf(row.workspaceId, row.rejectReason))) continue;
		const reasons = missing.get(row.workspaceId) ?? new Set<string>();
		missing.set(row.workspaceId, reasons.add(row.rejectReason));
	}
	if (matching >= PLACE_IN_ONE_QUERY_FROM) {
		for (const [workspaceId, reasons] of missing) {
			const found = rowsOf(
				await db.execute(sql`select r.reason, keeprate_place_reject(w.reject_rule_groups, r.reason) as placed
					from unnest(${sql.param([...reasons])}::text[]) as r(reason)
					left join workspaces as w on w.id = ${workspaceId}`)
			) as { reason: string; placed: (string | null)[] }[];
			for (const { reason, placed } of found) {
				const [category, by] = placed;
				placements.set(keyOf(workspaceId, reason), {
					category: category as Category,
					by: by as Placement['by']
				});
			}
		}
	}
	for (const row of rows) {
		const placed = needsRules(row)
			? placements.get(keyOf(row.workspaceId, row.rejectReason))
			: certainPlacement(row);
		row.rejectCategory = placed?.category ?? null;
		row.rejectCategoryBy = placed?.by ?? null;
	}
}

/** Every row the rules are not needed for: failed, rejected without a reason, or neither (no category). */
function certainPlacement(row: NewAttempt): Placement {
	if (row.status === 'failed') return { category: 'failed', by: null };
	if (row.verdict === 'reject') return { category: 'unspecified', by: null };
	return { category: null, by: null };
}
