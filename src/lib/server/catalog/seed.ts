// The default catalog is seeded into each workspace once; rows already there (edited or not) are kept.
import type { Db } from '../db/connection';
import { modelAliases, models, prices } from '../db/schema';
import { defaultCatalog, type CatalogModel } from './default-catalog';

export async function seedCatalog(db: Db, workspaceId: string, catalog: CatalogModel[] = defaultCatalog) {
	if (catalog.length === 0) return;
	await db
		.insert(models)
		.values(
			catalog.map((m) => ({
				workspaceId,
				model: m.model,
				family: m.family,
				tier: m.tier,
				displayName: m.displayName,
				provider: m.provider,
				retiredOn: m.retiredOn ?? null,
				failedAttemptsBilled: m.failedAttemptsBilled ?? false
			}))
		)
		.onConflictDoNothing();
	const aliases = catalog.flatMap((m) =>
		(m.aliases ?? []).map((alias) => ({ workspaceId, alias, model: m.model }))
	);
	if (aliases.length > 0) await db.insert(modelAliases).values(aliases).onConflictDoNothing();
	await db
		.insert(prices)
		.values(
			catalog.flatMap((m) =>
				m.prices.map((p) => ({
					workspaceId,
					model: m.model,
					resolution: p.resolution,
					effectiveFrom: new Date(`${p.effectiveFrom}T00:00:00Z`),
					microsPerSecond: p.microsPerSecond,
					source: p.source
				}))
			)
		)
		.onConflictDoNothing();
}
