// An independent oracle for the count figures: raw attempt rows in, per-model counts out, in plain JS from
// docs/figures.md. It shares no SQL and no aggregation with src/; only the pure `summarize` that
// turns counts into figures is shared, on purpose, by the test that uses it.
import type { Filters } from '../../src/lib/schemas/filters';
import type { Dimension } from '../../src/lib/schemas/segments';
import type { ModelCounts } from '../../src/lib/metrics/summary';
import type { ShotGroup, ShotState } from '../../src/lib/metrics/shots';
import type { ReasonCounts } from '../../src/lib/metrics/reasons';
import type { RejectRule } from '../../src/lib/reasons/categories';

/** The columns of an attempts row the figures read (drizzle's select of the attempts table). */
export interface RawAttempt {
	id: string;
	project: string;
	model: string;
	durationSeconds: number;
	costMicros: number;
	status: string;
	verdict: string;
	rejectReason: string | null;
	createdAt: Date;
	shotId: string | null;
	tags: string[];
	generationSeconds: number | null;
	reviewSeconds: number | null;
	resolution: string | null;
	creator: string | null;
}

/** A row of the models table; a model without one is a family of its own, tier 0, named by its id. */
export interface CatalogEntry {
	model: string;
	family: string;
	tier: number;
	displayName: string;
}

export interface OracleSegmentCounts extends ModelCounts {
	segment: string;
}

/** [from, to) on createdAt, project, model, and every tag asked for. */
export function matches(a: RawAttempt, f: Filters): boolean {
	const t = a.createdAt.getTime();
	if (f.from && t < f.from.getTime()) return false;
	if (f.to && t >= f.to.getTime()) return false;
	if (f.project !== undefined && a.project !== f.project) return false;
	if (f.model !== undefined && a.model !== f.model) return false;
	return (f.tag ?? []).every((tag) => a.tags.includes(tag));
}

const isKept = (a: RawAttempt) => a.status === 'succeeded' && a.verdict === 'keep';
const isRejected = (a: RawAttempt) => a.status === 'succeeded' && a.verdict === 'reject';
const isFailed = (a: RawAttempt) => a.status === 'failed';
const isPending = (a: RawAttempt) => a.status === 'succeeded' && a.verdict === 'pending';
/** Failed attempts, plus succeeded attempts with a keep or reject verdict. */
const isDecided = (a: RawAttempt) => isFailed(a) || isKept(a) || isRejected(a);

function countsOf(model: string, list: RawAttempt[], catalog: Map<string, CatalogEntry>): ModelCounts {
	const entry = catalog.get(model);
	const sum = (pick: (a: RawAttempt) => number, where: (a: RawAttempt) => boolean = () => true) =>
		list.filter(where).reduce((total, a) => total + pick(a), 0);
	const one = () => 1;
	const cost = (a: RawAttempt) => a.costMicros;
	return {
		model,
		family: entry?.family ?? model,
		tier: entry?.tier ?? 0,
		displayName: entry?.displayName ?? model,
		attempts: list.length,
		kept: sum(one, isKept),
		rejected: sum(one, isRejected),
		failed: sum(one, isFailed),
		pending: sum(one, isPending),
		spendMicros: sum(cost),
		decidedSpendMicros: sum(cost, isDecided),
		keptSpendMicros: sum(cost, isKept),
		keptSeconds: exactSum(list.filter(isKept).map((a) => a.durationSeconds)),
		generationSeconds: exactSum(list.map((a) => a.generationSeconds ?? 0)),
		timedAttempts: sum(one, (a) => a.generationSeconds !== null),
		reviewSeconds: exactSum(list.filter(isDecided).map((a) => a.reviewSeconds ?? 0))
	};
}

/**
 * Seconds summed exactly, as docs/figures.md#counts-and-rollups asks: each value as PostgreSQL turns a double
 * into a decimal (15 significant digits), added as scaled integers, so no float rounding of the sum flips a
 * figure rounded to the micro-dollar.
 */
export function exactSum(values: number[]): number {
	const SCALE = 10n ** 20n;
	let total = 0n;
	for (const v of values) {
		const [mantissa, exponent = '0'] = v.toPrecision(15).split('e');
		const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
		const shift = Number(exponent) - fraction.length;
		let scaled = BigInt(whole + fraction) * SCALE;
		scaled = shift >= 0 ? scaled * 10n ** BigInt(shift) : scaled / 10n ** BigInt(-shift);
		total += mantissa.startsWith('-') ? -scaled : scaled;
	}
	const negative = total < 0n;
	const abs = negative ? -total : total;
	const text = `${abs / SCALE}.${(abs % SCALE).toString().padStart(20, '0')}`;
	return Number(negative ? `-${text}` : text);
}

/** Counts per (segment, model) of the attempts that match, sorted by segment then model (code points). */
export function oracleCounts(
	rows: RawAttempt[],
	filters: Filters,
	catalog: CatalogEntry[],
	segmentOf: (a: RawAttempt) => string | string[] = () => ''
): OracleSegmentCounts[] {
	const byModel = new Map(catalog.map((c) => [c.model, c]));
	const groups = new Map<string, { segment: string; model: string; list: RawAttempt[] }>();
	for (const a of rows) {
		if (!matches(a, filters)) continue;
		const segments = segmentOf(a);
		// An attempt counts once in each of its segments (each of its distinct tags).
		for (const segment of new Set(Array.isArray(segments) ? segments : [segments])) {
			const key = JSON.stringify([segment, a.model]);
			const group = groups.get(key) ?? { segment, model: a.model, list: [] };
			group.list.push(a);
			groups.set(key, group);
		}
	}
	return [...groups.values()]
		.map((g) => ({ segment: g.segment, ...countsOf(g.model, g.list, byModel) }))
		.sort(bySegmentAndModel);
}

/** The segments of an attempt per dimension (docs/figures.md#segments): labels as the pages show them. */
export const SEGMENT_OF: Record<Dimension, (a: RawAttempt) => string | string[]> = {
	tag: (a) => (a.tags.length === 0 ? '(untagged)' : a.tags),
	resolution: (a) => a.resolution ?? '(unknown)',
	creator: (a) => a.creator ?? '(unknown)',
	project: (a) => a.project,
	duration: (a) =>
		a.durationSeconds <= 5
			? '≤ 5 s'
			: a.durationSeconds <= 8
				? '5–8 s'
				: a.durationSeconds <= 12
					? '8–12 s'
					: '> 12 s'
};

const codePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const bySegmentAndModel = (
	a: { segment?: string; model: string },
	b: { segment?: string; model: string }
) => codePoints(a.segment ?? '', b.segment ?? '') || codePoints(a.model, b.model);

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The Monday (YYYY-MM-DD) of the ISO week holding the instant, in the zone: Intl and date arithmetic. */
export function isoMondayIn(instant: Date, timeZone: string): string {
	let format = dayFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		dayFormats.set(timeZone, format);
	}
	const part = (type: string) => Number(format.formatToParts(instant).find((p) => p.type === type)!.value);
	const localDay = Date.UTC(part('year'), part('month') - 1, part('day'));
	const sinceMonday = (new Date(localDay).getUTCDay() + 6) % 7;
	return new Date(localDay - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** One shot over all its takes, as docs/figures.md#shots and src/lib/server/queries/shots.ts define it. */
export interface OracleShot {
	shotId: string;
	/** The first project by code point; the model, or '(mixed)' when its takes used several. */
	project: string;
	model: string;
	/** Its first take's tags. */
	tags: string[];
	firstAt: Date;
	takes: number;
	/** Takes up to and including the first keep, in the order createdAt then id; null without a keep. */
	takesToFirstKeep: number | null;
	costToFirstKeepMicros: number | null;
	spendMicros: number;
	pendingTakes: number;
	/** Review time of its decided takes, summed exactly. */
	reviewSeconds: number;
}

/** The review times of the decided takes, as the shots and reason sums count them (none sent: 0). */
const reviewTimes = (takes: RawAttempt[]) => takes.filter(isDecided).map((t) => t.reviewSeconds ?? 0);

/**
 * Every shot of the attempts (those with a shotId), whatever the filters: a shot is made of all its takes.
 * Ids and projects must be plain ASCII letters and digits, so that code points order them as SQL does.
 */
export const oracleShotTable = (rows: RawAttempt[]): OracleShot[] => shotsWithTakes(rows).map(([s]) => s);

/** Each shot with its takes, in order of shot id. */
function shotsWithTakes(rows: RawAttempt[]): [OracleShot, RawAttempt[]][] {
	const shots = new Map<string, RawAttempt[]>();
	for (const a of rows) if (a.shotId !== null) shots.set(a.shotId, [...(shots.get(a.shotId) ?? []), a]);
	return [...shots]
		.map(([shotId, takes]): [OracleShot, RawAttempt[]] => {
			takes.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || codePoints(x.id, y.id));
			const firstKeep = takes.findIndex(isKept);
			const models = new Set(takes.map((t) => t.model));
			const shot = {
				shotId,
				project: takes.map((t) => t.project).sort(codePoints)[0],
				model: models.size === 1 ? takes[0].model : '(mixed)',
				tags: takes[0].tags,
				firstAt: takes[0].createdAt,
				takes: takes.length,
				takesToFirstKeep: firstKeep < 0 ? null : firstKeep + 1,
				costToFirstKeepMicros:
					firstKeep < 0 ? null : takes.slice(0, firstKeep + 1).reduce((s, t) => s + t.costMicros, 0),
				spendMicros: takes.reduce((s, t) => s + t.costMicros, 0),
				pendingTakes: takes.filter(isPending).length,
				reviewSeconds: exactSum(reviewTimes(takes))
			};
			return [shot, takes];
		})
		.sort(([x], [y]) => codePoints(x.shotId, y.shotId));
}

/**
 * The shots figures' groups: shots whose first take is in [from, to), of the project, of the model (a
 * '(mixed)' shot is no model's), whose first take has every tag asked for; summed per model, takes to the
 * first keep (0 without one) and state; sorted by those three.
 */
export function oracleShotGroups(rows: RawAttempt[], f: Filters): ShotGroup[] {
	const groups = new Map<string, ShotGroup>();
	// Each group's review time is summed exactly over all its takes, as the database sums decimals.
	const times = new Map<string, number[]>();
	for (const [s, takes] of shotsWithTakes(rows)) {
		const t = s.firstAt.getTime();
		if (f.from && t < f.from.getTime()) continue;
		if (f.to && t >= f.to.getTime()) continue;
		if (f.project !== undefined && s.project !== f.project) continue;
		if (f.model !== undefined && s.model !== f.model) continue;
		if (!(f.tag ?? []).every((tag) => s.tags.includes(tag))) continue;
		const state: ShotState =
			s.takesToFirstKeep !== null ? 'kept' : s.pendingTakes > 0 ? 'review' : 'abandoned';
		const key = JSON.stringify([s.model, s.takesToFirstKeep ?? 0, state]);
		const g = groups.get(key) ?? {
			model: s.model,
			takesToFirstKeep: s.takesToFirstKeep ?? 0,
			state,
			shots: 0,
			takes: 0,
			costToFirstKeepMicros: 0,
			spendMicros: 0,
			reviewSeconds: 0
		};
		g.shots++;
		g.takes += s.takes;
		g.costToFirstKeepMicros += s.costToFirstKeepMicros ?? 0;
		g.spendMicros += s.spendMicros;
		times.set(key, [...(times.get(key) ?? []), ...reviewTimes(takes)]);
		g.reviewSeconds = exactSum(times.get(key)!);
		groups.set(key, g);
	}
	return sortShotGroups([...groups.values()]);
}

export const sortShotGroups = (groups: ShotGroup[]) =>
	[...groups].sort(
		(a, b) =>
			codePoints(a.model, b.model) || a.takesToFirstKeep - b.takesToFirstKeep || codePoints(a.state, b.state)
	);

/**
 * A reject reason's category by the rules, as docs/figures.md#why-clips-fail states them: the first rule
 * whose pattern starts a word of the reason (a letter, digit or _ does not precede it), ignoring case,
 * with any run of white space in the pattern matching any run in the reason.
 */
export function oracleCategory(a: RawAttempt, rules: RejectRule[]): string | null {
	if (isFailed(a)) return 'failed';
	if (!isRejected(a)) return null;
	const reason = a.rejectReason ?? '';
	if (reason.trim() === '') return 'unspecified';
	for (const rule of rules) {
		const text = rule.pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+');
		if (new RegExp(`(?<![\\p{L}\\p{N}_])${text}`, 'iu').test(reason)) return rule.category;
	}
	return 'other';
}

/**
 * Decided attempts not kept per (model, category), their cost and their review time (summed exactly), of
 * the attempts that match.
 */
export function oracleReasonCounts(rows: RawAttempt[], f: Filters, rules: RejectRule[]): ReasonCounts[] {
	const groups = new Map<string, { counts: ReasonCounts; times: number[] }>();
	for (const a of rows) {
		const category = oracleCategory(a, rules);
		if (!matches(a, f) || category === null) continue;
		const key = JSON.stringify([a.model, category]);
		const g = groups.get(key) ?? {
			counts: { model: a.model, category, attempts: 0, wastedSpendMicros: 0, reviewSeconds: 0 },
			times: []
		};
		g.counts.attempts += 1;
		g.counts.wastedSpendMicros += a.costMicros;
		g.times.push(a.reviewSeconds ?? 0);
		groups.set(key, g);
	}
	return [...groups.values()].map(({ counts, times }) => ({ ...counts, reviewSeconds: exactSum(times) }));
}
