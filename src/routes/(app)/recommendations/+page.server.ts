import type { PageServerLoad } from './$types';
import {
	DIMENSIONS,
	dimensionSchema,
	WHAT_IF_DIMENSIONS,
	whatIfDimensionSchema,
	type WhatIfDimension
} from '$lib/schemas/segments';
import { db } from '$lib/server/app';
import { workspaceOf } from '$lib/server/context';
import { pageRange } from '$lib/server/page-range';
import { listProjects } from '$lib/server/queries/projects';
import { recommendations } from '$lib/server/queries/recommendations';
import { countsByModel } from '$lib/server/queries/summary-by-model';
import { summarize } from '$lib/metrics/summary';
import { workspaceTimeZone } from '$lib/server/workspaces';
import { pageLaborRate } from '$lib/server/page-labor-rate';
import { hasAttempts } from '$lib/server/queries/has-attempts';

const DEFAULT_WHAT_IF: WhatIfDimension = 'project';

/**
 * Which tier each family pair should default to: the URL holds the range, the project, `whatIf` and
 * `segmentsBy` (the dimension whose segments are shown; the what-if's when absent) and a what-if labour rate.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const workspaceId = workspaceOf(locals);
	const database = db();
	const timeZone = await workspaceTimeZone(database, workspaceId);
	const range = pageRange(url, timeZone);
	const asked = url.searchParams.get('whatIf') || DEFAULT_WHAT_IF;
	const parsed = whatIfDimensionSchema.safeParse(asked);
	const whatIf = parsed.success ? parsed.data : DEFAULT_WHAT_IF;
	const askedBy = url.searchParams.get('segmentsBy');
	const by = dimensionSchema.safeParse(askedBy);
	const segmentsBy = by.success ? by.data : whatIf;
	const { rate, labour, errors: labourError } = await pageLaborRate(database, workspaceId, url);
	// The counts per model serve both the pairs and the models' summary: read once.
	const byModel = countsByModel(database, workspaceId, range.filters);
	const [pairs, summary, projects, anyAttempts] = await Promise.all([
		recommendations(database, workspaceId, range.filters, { whatIf, segmentsBy, laborRate: rate, byModel }),
		byModel.then((counts) => summarize(counts)),
		listProjects(database, workspaceId),
		hasAttempts(database, workspaceId)
	]);
	return {
		range: { from: range.from, to: range.to, until: range.until, project: range.project, today: range.today },
		filterError: range.errors,
		whatIfError: parsed.success
			? null
			: `whatIf: "${asked.slice(0, 40)}" is not one of ${WHAT_IF_DIMENSIONS.join(', ')}`,
		segmentsByError:
			askedBy === null || askedBy === '' || by.success
				? null
				: `segmentsBy: "${askedBy.slice(0, 40)}" is not one of ${DIMENSIONS.join(', ')}`,
		whatIf,
		segmentsBy,
		projects,
		anyAttempts,
		pairs,
		// The labour rate (USD per hour; the URL's what-if, else the workspace's): each pair's all-in advice
		// beside the bill's; null: none.
		laborUsdPerHour: labour.usdPerHour,
		labour,
		labourError,
		// Names, colours, decided spend, and what is missing when no pair can be compared.
		models: summary.models.map((m) => ({
			model: m.model,
			family: m.family,
			tier: m.tier,
			displayName: m.displayName,
			decided: m.decided,
			pending: m.pending,
			decidedSpendUsd: m.decidedSpendUsd,
			keepRate: m.keepRate,
			keepRateInterval: m.keepRateInterval
		}))
	};
};
