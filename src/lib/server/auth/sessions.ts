// Sessions live in the database; the cookie holds a random token, the table only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { memberships, sessions, users, workspaces } from '../db/schema';
import type { Role } from '../context';

export const SESSION_COOKIE = 'keeprate_session';
export const SESSION_DAYS = 30;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, workspaceId: string, now = new Date()) {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
	await db.insert(sessions).values({ tokenHash: hash(token), userId, workspaceId, expiresAt });
	// Expired sessions are cleared as new ones are made: no separate job needed.
	await db.delete(sessions).where(lt(sessions.expiresAt, now));
	return { token, expiresAt };
}

export interface SessionView {
	user: { id: string; email: string };
	workspace: { id: string; name: string; role: Role };
}

/** The session's user and current workspace, or null when unknown, expired or no longer a member. */
export async function readSession(db: Db, token: string, now = new Date()): Promise<SessionView | null> {
	const [row] = await db
		.select({
			userId: users.id,
			email: users.email,
			workspaceId: workspaces.id,
			workspaceName: workspaces.name,
			role: memberships.role
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(
			memberships,
			and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId))
		)
		.innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
		.where(and(eq(sessions.tokenHash, hash(token)), gt(sessions.expiresAt, now)));
	if (!row) return null;
	return {
		user: { id: row.userId, email: row.email },
		workspace: { id: row.workspaceId, name: row.workspaceName, role: row.role }
	};
}

export async function switchWorkspace(db: Db, token: string, workspaceId: string): Promise<void> {
	await db
		.update(sessions)
		.set({ workspaceId })
		.where(eq(sessions.tokenHash, hash(token)));
}

export async function endSession(db: Db, token: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.tokenHash, hash(token)));
}

/**
 * End the user's sessions on every browser and device, except the one holding `keepToken` when given
 * (a password change keeps the browser that made it signed in). Returns how many were ended.
 */
export async function endUserSessions(db: Db, userId: string, keepToken?: string): Promise<number> {
	const ended = await db
		.delete(sessions)
		.where(
			keepToken === undefined
				? eq(sessions.userId, userId)
				: and(eq(sessions.userId, userId), ne(sessions.tokenHash, hash(keepToken)))
		)
		.returning({ tokenHash: sessions.tokenHash });
	return ended.length;
}

/** How many unexpired sessions the user has, this one included. */
export async function countSessions(db: Db, userId: string, now = new Date()): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
	return row.n;
}
