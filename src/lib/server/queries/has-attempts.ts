// Whether a workspace has any attempt yet: pages show their empty state, the demo seeds only an empty one.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { attempts } from '../db/schema';

export async function hasAttempts(db: Db, workspaceId: string): Promise<boolean> {
	const rows = await db
		.select({ id: attempts.id })
		.from(attempts)
		.where(eq(attempts.workspaceId, workspaceId))
		.limit(1);
	return rows.length > 0;
}
