// The price book of one workspace, cached per catalog version, and the pure rule that prices an attempt.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { modelAliases, models, prices, workspaces } from '../db/schema';

export interface BookModel {
	family: string;
	tier: number;
	failedAttemptsBilled: boolean;
}

export interface BookPrice {
	resolution: string;
	effectiveFromMs: number;
	microsPerSecond: number;
}

/** Shared between requests once cached: read-only. */
export interface PriceBook {
	aliases: ReadonlyMap<string, string>;
	models: ReadonlyMap<string, BookModel>;
	/** Per model, newest first. */
	prices: ReadonlyMap<string, readonly BookPrice[]>;
}

export async function loadPriceBook(db: Db, workspaceId: string): Promise<PriceBook> {
	const [aliasRows, modelRows, priceRows] = await Promise.all([
		db.select().from(modelAliases).where(eq(modelAliases.workspaceId, workspaceId)),
		db.select().from(models).where(eq(models.workspaceId, workspaceId)),
		db.select().from(prices).where(eq(prices.workspaceId, workspaceId))
	]);
	const book = {
		aliases: new Map(aliasRows.map((a) => [a.alias, a.model])),
		models: new Map<string, BookModel>(modelRows.map((m) => [m.model, m])),
		prices: new Map<string, BookPrice[]>()
	};
	for (const p of priceRows) {
		const list = book.prices.get(p.model) ?? [];
		list.push({
			resolution: p.resolution,
			effectiveFromMs: p.effectiveFrom.getTime(),
			microsPerSecond: p.microsPerSecond
		});
		book.prices.set(p.model, list);
	}
	for (const list of book.prices.values()) list.sort((a, b) => b.effectiveFromMs - a.effectiveFromMs);
	return book;
}

/** Per database, per workspace: the last book loaded and the catalog version it was loaded at. */
const cached = new WeakMap<Db, Map<string, { version: number; book: PriceBook }>>();

/**
 * The workspace's price book as of now, for pricing new attempts: one small query while the catalog is
 * unchanged, a full load after any change to it (triggers raise workspaces.catalog_version on every write
 * to models, aliases or prices, from this process or any other). The version is read before the book, so
 * a change made during a load leaves the cached copy one version behind: reloaded on the next call.
 */
export async function currentPriceBook(db: Db, workspaceId: string): Promise<PriceBook> {
	const [row] = await db
		.select({ version: workspaces.catalogVersion })
		.from(workspaces)
		.where(eq(workspaces.id, workspaceId));
	if (!row) return loadPriceBook(db, workspaceId);
	let books = cached.get(db);
	if (!books) cached.set(db, (books = new Map()));
	const hit = books.get(workspaceId);
	if (hit?.version === row.version) return hit.book;
	const book = await loadPriceBook(db, workspaceId);
	books.set(workspaceId, { version: row.version, book });
	return book;
}

export const canonicalModel = (book: PriceBook, model: string): string => book.aliases.get(model) ?? model;

/** The price in force at `atMs`: an exact resolution wins over '*' (any resolution). */
export function priceInForce(
	book: PriceBook,
	model: string,
	resolution: string | undefined,
	atMs: number
): BookPrice | undefined {
	const inForce = (book.prices.get(model) ?? []).filter((p) => p.effectiveFromMs <= atMs);
	return (
		(resolution === undefined ? undefined : inForce.find((p) => p.resolution === resolution)) ??
		inForce.find((p) => p.resolution === '*')
	);
}

export type Priced =
	{ ok: true; costMicros: number; costSource: 'reported' | 'price_book' } | { ok: false; message: string };

export interface PricingInput {
	model: string;
	durationSeconds: number;
	resolution?: string;
	costMicros?: number;
	status: 'succeeded' | 'failed';
	createdAtMs: number;
}

/** docs/figures.md#cost-of-an-attempt: the reported cost wins, then the book, otherwise a refusal. */
export function priceAttempt(book: PriceBook, input: PricingInput): Priced {
	if (input.costMicros !== undefined)
		return { ok: true, costMicros: input.costMicros, costSource: 'reported' };
	if (input.status === 'failed' && !book.models.get(input.model)?.failedAttemptsBilled) {
		return { ok: true, costMicros: 0, costSource: 'price_book' };
	}
	const price = priceInForce(book, input.model, input.resolution, input.createdAtMs);
	if (!price) {
		const at = new Date(input.createdAtMs).toISOString().slice(0, 10);
		const where = input.resolution ? `resolution ${input.resolution}` : 'no resolution given';
		const known = book.prices.has(input.model)
			? `the price book has no price for model "${input.model}" at ${where} on ${at}`
			: `model "${input.model}" is not in the price book (${where})`;
		return { ok: false, message: `cannot price the attempt: ${known}; send costUsd or add a price` };
	}
	return {
		ok: true,
		costMicros: Math.round(price.microsPerSecond * input.durationSeconds),
		costSource: 'price_book'
	};
}
