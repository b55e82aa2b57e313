// Why clips fail (docs/figures.md#why-clips-fail): the decided attempts not kept, per reject category,
// with their share, the spend they wasted and the review time spent on them (priced at a labour rate).
import { REJECT_CATEGORY_IDS, categoryLabel } from '../reasons/categories';
import { microsToUsd, perUnitUsd } from './money';
import { ratio } from './figures';
import { keepRateInterval } from './confidence';
import { reviewLaborMicros, type LaborRate } from './labour';

/** Not-kept decided attempts of one model and category, their cost and their review time. */
export interface ReasonCounts {
	model: string;
	category: string;
	attempts: number;
	wastedSpendMicros: number;
	reviewSeconds: number;
}

export interface ReasonFigure {
	category: string;
	label: string;
	attempts: number;
	/** attempts / every not-kept decided attempt of the scope; null when there is none. */
	share: number | null;
	wastedSpendUsd: number;
	/** Review time spent on those attempts. */
	reviewSeconds: number;
	/** reviewSeconds x rate / 3600; null without a rate. */
	wastedLaborUsd: number | null;
	/** wastedSpendUsd + wastedLaborUsd; null without a rate. */
	wastedAllInUsd: number | null;
}

export interface ReasonsAnswer {
	reasons: ReasonFigure[];
	models: { model: string; reasons: ReasonFigure[] }[];
}

const order = (id: string) => REJECT_CATEGORY_IDS.indexOf(id as never);

/** Biggest wasted spend first, then most attempts, then the categories' own order. */
function figures(rows: ReasonCounts[], rate: LaborRate): ReasonFigure[] {
	const byCategory = new Map<string, { attempts: number; micros: number; seconds: number }>();
	for (const r of rows) {
		const sum = byCategory.get(r.category) ?? { attempts: 0, micros: 0, seconds: 0 };
		sum.attempts += r.attempts;
		sum.micros += r.wastedSpendMicros;
		sum.seconds += r.reviewSeconds;
		byCategory.set(r.category, sum);
	}
	const total = [...byCategory.values()].reduce((n, s) => n + s.attempts, 0);
	return [...byCategory.entries()]
		.filter(([, s]) => s.attempts !== 0)
		.sort(([a, x], [b, y]) => y.micros - x.micros || y.attempts - x.attempts || order(a) - order(b))
		.map(([category, s]) => {
			const labor = reviewLaborMicros(s.seconds, rate);
			return {
				category,
				label: categoryLabel(category),
				attempts: s.attempts,
				share: ratio(s.attempts, total),
				wastedSpendUsd: microsToUsd(s.micros),
				reviewSeconds: s.seconds,
				wastedLaborUsd: perUnitUsd(labor),
				wastedAllInUsd: perUnitUsd(labor === null ? null : s.micros + labor)
			};
		});
}

const wastedMicros = (rows: ReasonCounts[]) => rows.reduce((n, r) => n + r.wastedSpendMicros, 0);

/**
 * The whole scope's categories, and each model's (the model that wasted most first); the review time
 * priced at `rate` (micro-dollars per hour; null: no labour money).
 */
export function reasonFigures(rows: ReasonCounts[], rate: LaborRate = null): ReasonsAnswer {
	const models = [...new Set(rows.map((r) => r.model))]
		.map((model) => {
			const own = rows.filter((r) => r.model === model);
			return { model, micros: wastedMicros(own), reasons: figures(own, rate) };
		})
		.filter((m) => m.reasons.length > 0)
		.sort((a, b) => b.micros - a.micros || a.model.localeCompare(b.model))
		.map(({ model, reasons }) => ({ model, reasons }));
	return { reasons: figures(rows, rate), models };
}

export interface CategoryRate {
	attempts: number;
	decided: number;
	/** attempts / decided; null when the model has no decided attempt. */
	rate: number | null;
	interval: [number, number] | null;
}

export interface TierCategory {
	category: string;
	label: string;
	base: CategoryRate;
	premium: CategoryRate;
	/** 'fixes': the premium's interval lies wholly below the base's; 'worsens': wholly above. */
	effect: 'fixes' | 'worsens' | 'unclear';
}

export interface TierReasons {
	family: string;
	base: string;
	premium: string;
	categories: TierCategory[];
}

function categoryRate(attempts: number, decided: number): CategoryRate {
	return { attempts, decided, rate: ratio(attempts, decided), interval: keepRateInterval(attempts, decided) };
}

function effectOf(base: CategoryRate, premium: CategoryRate): TierCategory['effect'] {
	if (!base.interval || !premium.interval) return 'unclear';
	if (premium.interval[1] < base.interval[0]) return 'fixes';
	if (premium.interval[0] > base.interval[1]) return 'worsens';
	return 'unclear';
}

/**
 * Per family pair (docs/figures.md#why-clips-fail): each category's rate per decided attempt on the base
 * and on the premium model, with 95% intervals, the base's most frequent categories first.
 */
export function categoryRatesByTier(
	pairs: { family: string; base: string; premium: string }[],
	decidedByModel: Map<string, number>,
	rows: ReasonCounts[]
): TierReasons[] {
	const count = (model: string, category: string) =>
		rows.filter((r) => r.model === model && r.category === category).reduce((n, r) => n + r.attempts, 0);
	return pairs.map(({ family, base, premium }) => {
		const categories = REJECT_CATEGORY_IDS.filter((c) => count(base, c) + count(premium, c) > 0)
			.map((category) => {
				const b = categoryRate(count(base, category), decidedByModel.get(base) ?? 0);
				const p = categoryRate(count(premium, category), decidedByModel.get(premium) ?? 0);
				return { category, label: categoryLabel(category), base: b, premium: p, effect: effectOf(b, p) };
			})
			.sort((x, y) => (y.base.rate ?? 0) - (x.base.rate ?? 0) || order(x.category) - order(y.category));
		return { family, base, premium, categories };
	});
}
