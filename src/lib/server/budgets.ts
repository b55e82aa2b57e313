// Budgets per workspace or project, weekly or monthly, and the spend against the one in force.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { BudgetInput } from '$lib/schemas/budget';
import { budgetStatus, periodDays, type BudgetStatus, type Period } from '$lib/metrics/budget';
import { microsToUsd, usdToMicros } from '$lib/metrics/money';
import { startOfDay } from '$lib/metrics/time-zones';
import type { Db } from './db/connection';
import { budgets, type Budget } from './db/schema';
import { groupedCounts } from './rollups/read';

export async function listBudgets(db: Db, workspaceId: string): Promise<Budget[]> {
	return db
		.select()
		.from(budgets)
		.where(eq(budgets.workspaceId, workspaceId))
		.orderBy(budgets.project, budgets.period, desc(budgets.startsOn));
}

export async function addBudget(db: Db, workspaceId: string, input: BudgetInput): Promise<Budget> {
	const [row] = await db
		.insert(budgets)
		.values({
			workspaceId,
			id: randomUUID(),
			project: input.project,
			period: input.period,
			amountMicros: usdToMicros(input.amountUsd),
			startsOn: input.startsOn
		})
		.returning();
	return row;
}

export async function deleteBudget(db: Db, workspaceId: string, id: string): Promise<boolean> {
	const rows = await db
		.delete(budgets)
		.where(and(eq(budgets.workspaceId, workspaceId), eq(budgets.id, id)))
		.returning({ id: budgets.id });
	return rows.length > 0;
}

export interface BudgetView {
	period: Period;
	project: string | null;
	amountUsd: number;
	periodFrom: string;
	periodTo: string;
	spendUsd: number;
	forecastUsd: number;
	status: BudgetStatus;
	/** Share of the period elapsed, 0 to 1. */
	elapsedShare: number;
}

/**
 * The budget in force for a scope on a local day: a weekly one if there is, else the monthly one (the
 * month holding that day); of each kind, the one that started last, on or before the period's end.
 */
export async function budgetOn(
	db: Db,
	workspaceId: string,
	project: string | undefined,
	day: string,
	timeZone: string,
	now = new Date()
): Promise<BudgetView | null> {
	for (const period of ['week', 'month'] as const) {
		const { first, next } = periodDays(period, day);
		const [budget] = await db
			.select()
			.from(budgets)
			.where(
				and(
					eq(budgets.workspaceId, workspaceId),
					eq(budgets.project, project ?? ''),
					eq(budgets.period, period),
					lt(budgets.startsOn, next)
				)
			)
			.orderBy(desc(budgets.startsOn), desc(budgets.createdAt))
			.limit(1);
		if (!budget) continue;
		const from = startOfDay(first, timeZone);
		const to = startOfDay(next, timeZone);
		const spendMicros = await spendBetween(db, workspaceId, project, from, to);
		const s = budgetStatus({
			amountMicros: budget.amountMicros,
			spendMicros,
			periodStartMs: from.getTime(),
			periodEndMs: to.getTime(),
			nowMs: now.getTime()
		});
		return {
			period,
			project: project ?? null,
			amountUsd: microsToUsd(budget.amountMicros),
			periodFrom: first,
			periodTo: next,
			spendUsd: microsToUsd(spendMicros),
			forecastUsd: microsToUsd(s.forecastMicros),
			status: s.status,
			elapsedShare: s.elapsedShare
		};
	}
	return null;
}

async function spendBetween(db: Db, workspaceId: string, project: string | undefined, from: Date, to: Date) {
	const counts = await groupedCounts(db, workspaceId, { from, to, project }, { by: 'none' });
	return counts.reduce((sum, c) => sum + c.spendMicros, 0);
}
