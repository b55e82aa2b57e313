// A change of a workspace's reject rules places its rejected attempts again, in batches ordered by id:
// a request never rewrites millions of rows, and no batch holds locks for long. Until the last batch,
// every attempt still has exactly one category (the old rules' or the new ones'), so totals stay exact;
// the split by category is marked as in progress (`recategorising`) wherever it is shown.
import { eq, sql } from 'drizzle-orm';
import type { RejectRule } from '$lib/reasons/categories';
import type { Db } from '../db/connection';
import { rejectRecategorise, workspaces } from '../db/schema';
import { holdLease, releaseLease } from '../leases';
import { rowsOf } from '../rollups/compact';

export const RECATEGORISE_BATCH = 5000;

/** Stores the rules and starts placing the workspace's rejected attempts again (from the first id). */
export async function saveRejectRules(db: Db, workspaceId: string, rules: RejectRule[]): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.update(workspaces).set({ rejectRules: rules }).where(eq(workspaces.id, workspaceId));
		await tx
			.insert(rejectRecategorise)
			.values({ workspaceId, afterId: '' })
			.onConflictDoUpdate({
				target: rejectRecategorise.workspaceId,
				set: { afterId: '', startedAt: sql`clock_timestamp()` }
			});
	});
}

export async function rejectRules(db: Db, workspaceId: string): Promise<RejectRule[]> {
	const [row] = await db
		.select({ rules: workspaces.rejectRules })
		.from(workspaces)
		.where(eq(workspaces.id, workspaceId));
	return row?.rules ?? [];
}

/** Whether some of the workspace's attempts may still be placed by rules it no longer has. */
export async function recategorising(db: Db, workspaceId: string): Promise<boolean> {
	const rows = await db
		.select({ w: rejectRecategorise.workspaceId })
		.from(rejectRecategorise)
		.where(eq(rejectRecategorise.workspaceId, workspaceId));
	return rows.length > 0;
}

/**
 * Places the next `limit` rejected attempts (with a reason) of the workspace by its current rules; true
 * when none is left. The job row is locked first, so a change of rules made meanwhile waits for this
 * batch and then starts over: no attempt keeps a category from rules that are gone.
 */
export async function recategoriseBatch(db: Db, workspaceId: string, limit = RECATEGORISE_BATCH) {
	return db.transaction(async (tx) => {
		const [job] = rowsOf(
			await tx.execute(sql`select after_id from reject_recategorise
				where workspace_id = ${workspaceId} for update`)
		);
		if (!job) return true;
		const after = String(job.after_id);
		const rejected = sql`workspace_id = ${workspaceId} and status = 'succeeded' and verdict = 'reject'
			and reject_reason ~ '[^[:space:]]'`;
		const [last] = rowsOf(
			await tx.execute(sql`select max(id) as id from (select id from attempts
				where ${rejected} and id > ${after} order by id limit ${limit}) as batch`)
		);
		if (last?.id === null || last?.id === undefined) {
			await tx.execute(sql`delete from reject_recategorise where workspace_id = ${workspaceId}`);
			return true;
		}
		// Rules win; what they leave unplaced keeps the model's answer, or waits for it again.
		await tx.execute(sql`update attempts as a set reject_category = v.category, reject_category_by = v.placement
			from (
				select b.id,
					case when p.c is not null then p.c when b.reject_category_by = 'llm' then b.reject_category
						else 'other' end as category,
					case when p.c is not null then 'rules'
						when b.reject_category_by in ('llm', 'rules-final') then b.reject_category_by
						else 'queued' end as placement
				from attempts as b
				cross join lateral (select keeprate_reject_rule_match(
					(select reject_rule_groups from workspaces where id = ${workspaceId}), b.reject_reason) as c) as p
				where b.workspace_id = ${workspaceId} and b.id > ${after} and b.id <= ${String(last.id)}
					and b.status = 'succeeded' and b.verdict = 'reject' and b.reject_reason ~ '[^[:space:]]'
			) as v
			where a.workspace_id = ${workspaceId} and a.id = v.id
				and (a.reject_category, a.reject_category_by) is distinct from (v.category, v.placement)`);
		await tx.execute(sql`update reject_recategorise set after_id = ${String(last.id)}
			where workspace_id = ${workspaceId}`);
		return false;
	});
}

/** Runs batches until the workspace is done or `budgetMs` has passed; true when done. */
export async function recategorise(db: Db, workspaceId: string, budgetMs = Infinity): Promise<boolean> {
	const until = Date.now() + budgetMs;
	while (Date.now() < until) {
		if (await recategoriseBatch(db, workspaceId)) return true;
	}
	return false;
}

const LEASE_MS = 60_000;

/** In the background: finishes every workspace's pending recategorisation, one instance at a time. */
export function startRecategoriser(db: Db, log: (message: string) => void, everyMs = 2000) {
	let running: Promise<void> | undefined;
	let stopped = false;
	const work = async () => {
		const jobs = await db.select({ w: rejectRecategorise.workspaceId }).from(rejectRecategorise);
		if (jobs.length === 0 || !(await holdLease(db, 'recategorise', LEASE_MS))) return;
		for (const { w } of jobs) {
			if (stopped) return;
			// Bounded, so that the lease is renewed well within its time.
			if (await recategorise(db, w, LEASE_MS / 4)) log(`reject categories of ${w} follow its rules again`);
		}
	};
	const tick = () => {
		if (running || stopped) return;
		running = work()
			.catch((error) => log(`placing reject reasons again failed, retrying: ${(error as Error).message}`))
			.finally(() => (running = undefined));
	};
	const timer = setInterval(tick, everyMs);
	timer.unref();
	return {
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
			await releaseLease(db, 'recategorise').catch(() => {});
		}
	};
}
