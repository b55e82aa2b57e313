import { eq, sql } from 'drizzle-orm';
import type { Db } from './db/connection';
import { workspaces } from './db/schema';
import { seedCatalog } from './catalog/seed';

export const DEFAULT_WORKSPACE = 'default';

/** Make sure a workspace exists, with the default catalog. Safe to call at every start. */
export async function ensureWorkspace(db: Db, id: string, name = id): Promise<void> {
	await db.insert(workspaces).values({ id, name }).onConflictDoNothing();
	await seedCatalog(db, id);
}

export async function workspaceTimeZone(db: Db, id: string): Promise<string> {
	const rows = await db
		.select({ timeZone: workspaces.timeZone })
		.from(workspaces)
		.where(sql`${workspaces.id} = ${id}`);
	return rows[0]?.timeZone ?? 'UTC';
}

/**
 * The labour rate of a figure: the request's (`laborUsdPerHour=`, already in micro-dollars per hour) when it
 * asks, else the workspace's; null when neither has one.
 */
export async function laborRate(db: Db, id: string, asked?: number): Promise<number | null> {
	if (asked !== undefined) return asked;
	const rows = await db
		.select({ rate: workspaces.laborMicrosPerHour })
		.from(workspaces)
		.where(eq(workspaces.id, id));
	return rows[0]?.rate ?? null;
}

export interface WorkspaceSettings {
	name: string;
	timeZone: string;
	digestWebhookUrl: string | null;
	/** What an hour of review costs, in micro-dollars; null: no rate. */
	laborMicrosPerHour: number | null;
}

export async function workspaceSettings(db: Db, id: string): Promise<WorkspaceSettings | null> {
	const [row] = await db
		.select({
			name: workspaces.name,
			timeZone: workspaces.timeZone,
			digestWebhookUrl: workspaces.digestWebhookUrl,
			laborMicrosPerHour: workspaces.laborMicrosPerHour
		})
		.from(workspaces)
		.where(eq(workspaces.id, id));
	return row ?? null;
}

export async function updateWorkspaceSettings(db: Db, id: string, settings: Partial<WorkspaceSettings>) {
	await db.update(workspaces).set(settings).where(eq(workspaces.id, id));
}

/** A new workspace with the default catalog; its id is a slug of the name, made unique. */
export async function createWorkspace(db: Db, name: string): Promise<string> {
	const base =
		name
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'workspace';
	for (let n = 1; ; n++) {
		const id = n === 1 ? base : `${base}-${n}`;
		const rows = await db
			.insert(workspaces)
			.values({ id, name })
			.onConflictDoNothing()
			.returning({ id: workspaces.id });
		if (rows.length > 0) {
			await seedCatalog(db, id);
			return id;
		}
	}
}
