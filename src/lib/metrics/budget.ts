// Spend against a weekly or monthly budget: the period it falls in, a forecast from the run rate, and a
// status. Pure.
import { addDays, mondayOf } from './weeks';

export type Period = 'week' | 'month';
export type BudgetStatus = 'on track' | 'at risk' | 'over';

/** The local days [first, next) of the period holding `day`. */
export function periodDays(period: Period, day: string): { first: string; next: string } {
	if (period === 'week') {
		const first = mondayOf(day);
		return { first, next: addDays(first, 7) };
	}
	const [y, m] = day.split('-').map(Number);
	const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
	return { first: `${day.slice(0, 7)}-01`, next };
}

export interface BudgetInput {
	amountMicros: number;
	spendMicros: number;
	periodStartMs: number;
	periodEndMs: number;
	nowMs: number;
}

/**
 * The forecast extends the spend so far at its average rate to the end of the period; a closed period's
 * forecast is its spend. Over: spent more than the budget; at risk: on course to.
 */
export function budgetStatus(b: BudgetInput): {
	forecastMicros: number;
	status: BudgetStatus;
	elapsedShare: number;
} {
	const length = b.periodEndMs - b.periodStartMs;
	const elapsed = Math.min(Math.max(b.nowMs - b.periodStartMs, 0), length);
	const elapsedShare = length > 0 ? elapsed / length : 1;
	const forecastMicros =
		elapsedShare >= 1
			? b.spendMicros
			: elapsedShare === 0
				? b.spendMicros
				: Math.round(b.spendMicros / elapsedShare);
	const status: BudgetStatus =
		b.spendMicros > b.amountMicros ? 'over' : forecastMicros > b.amountMicros ? 'at risk' : 'on track';
	return { forecastMicros, status, elapsedShare };
}
