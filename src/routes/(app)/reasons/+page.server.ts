import type { PageServerLoad } from './$types';
import { categoryRatesByTier, reasonFigures } from '$lib/metrics/reasons';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { pageRange } from '$lib/server/page-range';
import { hasAttempts } from '$lib/server/queries/has-attempts';
import { listProjects } from '$lib/server/queries/projects';
import { reasonCounts } from '$lib/server/queries/reject-reasons';
import { summaryByModel } from '$lib/server/queries/summary-by-model';
import { recategorising } from '$lib/server/reasons/recategorise';
import { pageLaborRate } from '$lib/server/page-labor-rate';
import { workspaceTimeZone } from '$lib/server/workspaces';

/**
 * Why clips fail: reject categories with their money, per model, per scene tag and per tier of a family;
 * range, project and a what-if labour rate in the URL.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const range = pageRange(url, timeZone);
	const { rate, labour, errors: labourError } = await pageLaborRate(database, workspaceId, url);
	const [rows, tagRows, summary, projects, anyAttempts, pending] = await Promise.all([
		reasonCounts(database, workspaceId, range.filters),
		reasonCounts(database, workspaceId, range.filters, 'tag'),
		summaryByModel(database, workspaceId, range.filters),
		listProjects(database, workspaceId),
		hasAttempts(database, workspaceId),
		recategorising(database, workspaceId)
	]);
	const { reasons, models } = reasonFigures(rows, rate);
	const tags = [...new Set(tagRows.map((r) => r.segment))]
		.map((tag) => ({
			tag,
			...reasonFigures(
				tagRows.filter((r) => r.segment === tag),
				rate
			)
		}))
		.map(({ tag, reasons }) => ({ tag, reasons }))
		.sort((a, b) => wasted(b.reasons) - wasted(a.reasons) || a.tag.localeCompare(b.tag));
	const decided = new Map(summary.models.map((m) => [m.model, m.decided]));
	return {
		range: { from: range.from, to: range.to, until: range.until, project: range.project, today: range.today },
		filterError: range.errors,
		labour,
		labourError,
		projects,
		anyAttempts,
		recategorising: pending,
		decided: summary.totals.decided,
		reasons,
		models: models.map((m) => ({ ...m, displayName: nameOf(summary.models, m.model) })),
		tags,
		tiers: categoryRatesByTier(summary.comparisons, decided, rows).map((t) => ({
			...t,
			baseName: nameOf(summary.models, t.base),
			premiumName: nameOf(summary.models, t.premium)
		}))
	};
};

const wasted = (reasons: { wastedSpendUsd: number }[]) => reasons.reduce((n, r) => n + r.wastedSpendUsd, 0);

const nameOf = (models: { model: string; displayName: string }[], model: string) =>
	models.find((m) => m.model === model)?.displayName ?? model;
