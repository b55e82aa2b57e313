// The audit log: sign-ins, keys, roles, budgets and prices, visible to admins.
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from './db/connection';
import { auditLog } from './db/schema';

export async function audit(
	db: Db,
	workspaceId: string,
	actor: string,
	action: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await db.insert(auditLog).values({ workspaceId, id: randomUUID(), actor, action, details });
}

export async function auditEntries(db: Db, workspaceId: string, limit = 200) {
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.workspaceId, workspaceId))
		.orderBy(desc(auditLog.at))
		.limit(limit);
}
