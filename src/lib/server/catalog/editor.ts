// The price book and catalog editor: prices with their date and source, retired models, aliases, and
// re-pricing the attempts that were priced from the book (reported costs are never touched).
import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { microsToUsd } from '$lib/metrics/money';
import type { Db } from '../db/connection';
import { attempts, modelAliases, models, prices } from '../db/schema';
import { loadPriceBook, priceAttempt } from './price-book';

export async function catalog(db: Db, workspaceId: string) {
	const [modelRows, priceRows, aliasRows] = await Promise.all([
		db
			.select()
			.from(models)
			.where(eq(models.workspaceId, workspaceId))
			.orderBy(asc(models.family), asc(models.tier)),
		db
			.select()
			.from(prices)
			.where(eq(prices.workspaceId, workspaceId))
			.orderBy(asc(prices.model), asc(prices.resolution), asc(prices.effectiveFrom)),
		db
			.select()
			.from(modelAliases)
			.where(eq(modelAliases.workspaceId, workspaceId))
			.orderBy(asc(modelAliases.alias))
	]);
	return modelRows.map((m) => ({
		...m,
		prices: priceRows.filter((p) => p.model === m.model),
		aliases: aliasRows.filter((a) => a.model === m.model).map((a) => a.alias)
	}));
}

export interface NewModel {
	model: string;
	family: string;
	tier: number;
	displayName: string;
	provider: string;
	failedAttemptsBilled: boolean;
}

export async function addModel(db: Db, workspaceId: string, m: NewModel): Promise<boolean> {
	const rows = await db
		.insert(models)
		.values({ workspaceId, ...m })
		.onConflictDoNothing()
		.returning({ model: models.model });
	return rows.length > 0;
}

export interface NewPrice {
	model: string;
	resolution: string;
	microsPerSecond: number;
	effectiveFrom: Date;
	source: string;
}

/** A price from a date on; the same (model, resolution, date) is replaced. */
export async function addPrice(db: Db, workspaceId: string, p: NewPrice): Promise<void> {
	await db
		.insert(prices)
		.values({ workspaceId, ...p })
		.onConflictDoUpdate({
			target: [prices.workspaceId, prices.model, prices.resolution, prices.effectiveFrom],
			set: { microsPerSecond: p.microsPerSecond, source: p.source }
		});
}

export async function setRetired(db: Db, workspaceId: string, model: string, retiredOn: string | null) {
	const rows = await db
		.update(models)
		.set({ retiredOn })
		.where(and(eq(models.workspaceId, workspaceId), eq(models.model, model)))
		.returning({ model: models.model });
	return rows.length > 0;
}

export async function mapAlias(db: Db, workspaceId: string, alias: string, model: string) {
	await db
		.insert(modelAliases)
		.values({ workspaceId, alias, model })
		.onConflictDoUpdate({ target: [modelAliases.workspaceId, modelAliases.alias], set: { model } });
}

export async function removeAlias(db: Db, workspaceId: string, alias: string) {
	await db
		.delete(modelAliases)
		.where(and(eq(modelAliases.workspaceId, workspaceId), eq(modelAliases.alias, alias)));
}

export interface RepriceChange {
	model: string;
	attempts: number;
	beforeUsd: number;
	afterUsd: number;
}

export interface RepricePlan {
	/** Book-priced attempts looked at. */
	checked: number;
	changed: number;
	/** Attempts the book cannot price any more (no price in force): left as they are. */
	unpriceable: number;
	beforeUsd: number;
	afterUsd: number;
	byModel: RepriceChange[];
}

const PAGE = 2000;

/**
 * Price every book-priced attempt again with the current book. With `apply`, write the new costs in one
 * transaction; without, only say what would change (the preview).
 */
export async function reprice(db: Db, workspaceId: string, apply: boolean): Promise<RepricePlan> {
	const run = async (tx: Db): Promise<RepricePlan> => {
		const book = await loadPriceBook(tx, workspaceId);
		const plan: RepricePlan = {
			checked: 0,
			changed: 0,
			unpriceable: 0,
			beforeUsd: 0,
			afterUsd: 0,
			byModel: []
		};
		const byModel = new Map<string, { attempts: number; before: number; after: number }>();
		let before = 0;
		let after = 0;
		let last: { createdAt: Date; id: string } | null = null;
		for (;;) {
			const where: SQL[] = [eq(attempts.workspaceId, workspaceId), eq(attempts.costSource, 'price_book')];
			if (last) {
				where.push(
					or(
						gt(attempts.createdAt, last.createdAt),
						and(eq(attempts.createdAt, last.createdAt), gt(attempts.id, last.id))
					)!
				);
			}
			const page = await tx
				.select({
					id: attempts.id,
					model: attempts.model,
					durationSeconds: attempts.durationSeconds,
					resolution: attempts.resolution,
					status: attempts.status,
					createdAt: attempts.createdAt,
					costMicros: attempts.costMicros
				})
				.from(attempts)
				.where(and(...where))
				.orderBy(asc(attempts.createdAt), asc(attempts.id))
				.limit(PAGE);
			const updates: { id: string; cost: number }[] = [];
			for (const a of page) {
				plan.checked++;
				const priced = priceAttempt(book, {
					model: a.model,
					durationSeconds: a.durationSeconds,
					resolution: a.resolution ?? undefined,
					status: a.status,
					createdAtMs: a.createdAt.getTime()
				});
				const cost = priced.ok ? priced.costMicros : a.costMicros;
				if (!priced.ok) plan.unpriceable++;
				before += a.costMicros;
				after += cost;
				if (cost === a.costMicros) continue;
				plan.changed++;
				const m = byModel.get(a.model) ?? { attempts: 0, before: 0, after: 0 };
				m.attempts++;
				m.before += a.costMicros;
				m.after += cost;
				byModel.set(a.model, m);
				updates.push({ id: a.id, cost });
			}
			if (apply && updates.length > 0) await writeCosts(tx, workspaceId, updates);
			if (page.length < PAGE) break;
			last = { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id };
		}
		plan.beforeUsd = microsToUsd(before);
		plan.afterUsd = microsToUsd(after);
		plan.byModel = [...byModel]
			.map(([model, m]) => ({
				model,
				attempts: m.attempts,
				beforeUsd: microsToUsd(m.before),
				afterUsd: microsToUsd(m.after)
			}))
			.sort((a, b) => a.model.localeCompare(b.model));
		return plan;
	};
	return apply ? db.transaction((tx) => run(tx as unknown as Db)) : run(db);
}

async function writeCosts(tx: Db, workspaceId: string, updates: { id: string; cost: number }[]) {
	const values = sql.join(
		updates.map((u) => sql`(${u.id}::text, ${u.cost}::bigint)`),
		sql`, `
	);
	await tx.execute(sql`
		update ${attempts} as a set cost_micros = v.cost
		from (values ${values}) as v(id, cost)
		where a.workspace_id = ${workspaceId} and a.id = v.id and a.cost_source = 'price_book'`);
}
