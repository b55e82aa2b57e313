// The aggregate export: one row per ISO week and model, with the figures of that week.
import type { Filters } from '$lib/schemas/filters';
import { csvRow, microsToDecimal } from '$lib/csv';
import { modelRow } from '$lib/metrics/summary';
import type { LaborRate } from '$lib/metrics/labour';
import { isoWeekLabel } from '$lib/metrics/weeks';
import type { Db } from '../db/connection';
import { countsByWeekAndModel } from '../queries/weekly-spend-by-model';

export const WEEKLY_COLUMNS = [
	'week',
	'weekStart',
	'model',
	'family',
	'attempts',
	'kept',
	'rejected',
	'failed',
	'pending',
	'spendUsd',
	'decidedSpendUsd',
	'wastedSpendUsd',
	'keepRate',
	'costPerAttemptUsd',
	'costPerKeptClipUsd',
	'keptSeconds',
	'costPerKeptSecondUsd',
	// Review labour, last so that the columns before keep their places; the money ones empty without a rate.
	'reviewSeconds',
	'laborUsd',
	'allInSpendUsd',
	'allInCostPerKeptClipUsd'
];

export async function weeklyCsv(
	db: Db,
	workspaceId: string,
	filters: Filters,
	timeZone: string,
	laborRate: LaborRate = null
): Promise<string> {
	const rows = await countsByWeekAndModel(db, workspaceId, filters, timeZone);
	const lines = rows.map((c) => {
		const r = modelRow(c, laborRate);
		return csvRow([
			isoWeekLabel(c.segment),
			c.segment,
			r.model,
			r.family,
			r.attempts,
			r.kept,
			r.rejected,
			r.failed,
			r.pending,
			microsToDecimal(c.spendMicros),
			microsToDecimal(c.decidedSpendMicros),
			microsToDecimal(c.decidedSpendMicros - c.keptSpendMicros),
			r.keepRate,
			r.costPerAttemptUsd?.toFixed(6),
			r.costPerKeptClipUsd?.toFixed(6),
			r.keptSeconds,
			r.costPerKeptSecondUsd?.toFixed(6),
			r.reviewSeconds,
			r.laborUsd?.toFixed(6),
			r.allInSpendUsd?.toFixed(6),
			r.allInCostPerKeptClipUsd?.toFixed(6)
		]);
	});
	return csvRow(WEEKLY_COLUMNS) + lines.join('');
}
