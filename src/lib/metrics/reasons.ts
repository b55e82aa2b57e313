// Why clips fail (docs/figures.md#why-clips-fail): the decided attempts not kept, per reject category,
// with their share and the spend they wasted.
import { REJECT_CATEGORY_IDS, categoryLabel } from '../reasons/categories';
import { microsToUsd } from './money';
import { ratio } from './figures';

/** Not-kept decided attempts of one model and category, and their cost. */
export interface ReasonCounts {
	model: string;
	category: string;
	attempts: number;
	wastedSpendMicros: number;
}

export interface ReasonFigure {
	category: string;
	label: string;
	attempts: number;
	/** attempts / every not-kept decided attempt of the scope; null when there is none. */
	share: number | null;
	wastedSpendUsd: number;
}

export interface ReasonsAnswer {
	reasons: ReasonFigure[];
	models: { model: string; reasons: ReasonFigure[] }[];
}

const order = (id: string) => REJECT_CATEGORY_IDS.indexOf(id as never);

/** Biggest wasted spend first, then most attempts, then the categories' own order. */
function figures(rows: ReasonCounts[]): ReasonFigure[] {
	const byCategory = new Map<string, { attempts: number; micros: number }>();
	for (const r of rows) {
		const sum = byCategory.get(r.category) ?? { attempts: 0, micros: 0 };
		sum.attempts += r.attempts;
		sum.micros += r.wastedSpendMicros;
		byCategory.set(r.category, sum);
	}
	const total = [...byCategory.values()].reduce((n, s) => n + s.attempts, 0);
	return [...byCategory.entries()]
		.filter(([, s]) => s.attempts !== 0)
		.sort(([a, x], [b, y]) => y.micros - x.micros || y.attempts - x.attempts || order(a) - order(b))
		.map(([category, s]) => ({
			category,
			label: categoryLabel(category),
			attempts: s.attempts,
			share: ratio(s.attempts, total),
			wastedSpendUsd: microsToUsd(s.micros)
		}));
}

const wastedMicros = (rows: ReasonCounts[]) => rows.reduce((n, r) => n + r.wastedSpendMicros, 0);

/** The whole scope's categories, and each model's (the model that wasted most first). */
export function reasonFigures(rows: ReasonCounts[]): ReasonsAnswer {
	const models = [...new Set(rows.map((r) => r.model))]
		.map((model) => {
			const own = rows.filter((r) => r.model === model);
			return { model, micros: wastedMicros(own), reasons: figures(own) };
		})
		.filter((m) => m.reasons.length > 0)
		.sort((a, b) => b.micros - a.micros || a.model.localeCompare(b.model))
		.map(({ model, reasons }) => ({ model, reasons }));
	return { reasons: figures(rows), models };
}
