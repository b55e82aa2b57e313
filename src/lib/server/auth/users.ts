// Users and their roles per workspace.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { memberships, users, workspaces } from '../db/schema';
import type { Role } from '../context';
import { hashPassword } from './passwords';
import { hasErrorCode } from '../errors';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string) {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normalizeEmail(email)));
	return user ?? null;
}

export async function countUsers(db: Db): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
	return row.n;
}

export async function createUser(
	db: Db,
	email: string,
	password: string
): Promise<{ id: string; email: string }> {
	const [user] = await db
		.insert(users)
		.values({ id: randomUUID(), email: normalizeEmail(email), passwordHash: await hashPassword(password) })
		.returning({ id: users.id, email: users.email });
	return user;
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(password) })
		.where(eq(users.id, userId));
}

export async function setMembership(db: Db, workspaceId: string, userId: string, role: Role): Promise<void> {
	await db
		.insert(memberships)
		.values({ workspaceId, userId, role })
		.onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } });
}

export async function removeMembership(db: Db, workspaceId: string, userId: string): Promise<void> {
	await db
		.delete(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/** The workspaces a user belongs to, with the role in each. */
export async function workspacesOf(db: Db, userId: string) {
	return db
		.select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(workspaces.name));
}

export async function membersOf(db: Db, workspaceId: string) {
	return db
		.select({
			id: users.id,
			email: users.email,
			role: memberships.role,
			since: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, workspaceId))
		.orderBy(asc(users.email));
}

/** KEEPRATE_INIT_ADMIN_EMAIL / _PASSWORD: make sure this owner exists (its password is set to the given one). */
export async function ensureOwner(
	db: Db,
	workspaceId: string,
	email: string,
	password: string
): Promise<void> {
	const existing = await findUserByEmail(db, email);
	if (existing) await setPassword(db, existing.id, password);
	// Several instances starting at once on one database each try to create the owner: one does.
	const user =
		existing ??
		(await createUser(db, email, password).catch(async (error) => {
			if (!hasErrorCode(error, (code) => code === '23505')) throw error;
			return (await findUserByEmail(db, email))!;
		}));
	await setMembership(db, workspaceId, user.id, 'owner');
}
