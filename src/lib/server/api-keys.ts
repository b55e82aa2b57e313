// API keys: 192 random bits behind a readable prefix. Only a SHA-256 of the key is stored; a key that
// random cannot be guessed from its hash, so a slow password hash would only cost every request time.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './db/connection';
import { apiKeys } from './db/schema';

export type Scope = 'ingest' | 'read';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export const newKey = (): string => `kr_${randomBytes(24).toString('base64url')}`;

const prefixOf = (key: string) => key.slice(0, 10);

export async function storeKey(db: Db, workspaceId: string, key: string, name: string): Promise<void> {
	await db
		.insert(apiKeys)
		.values({
			workspaceId,
			id: hashKey(key).slice(0, 16),
			name,
			prefix: prefixOf(key),
			keyHash: hashKey(key)
		})
		.onConflictDoNothing();
}

export async function hasAnyKey(db: Db, workspaceId: string): Promise<boolean> {
	const rows = await db
		.select({ id: apiKeys.id })
		.from(apiKeys)
		.where(eq(apiKeys.workspaceId, workspaceId))
		.limit(1);
	return rows.length > 0;
}

export interface KeyOwner {
	workspaceId: string;
	keyId: string;
	scopes: string[];
}

/** The workspace a bearer key belongs to, or null for an unknown or revoked key. */
export async function findKey(db: Db, key: string): Promise<KeyOwner | null> {
	const rows = await db
		.select({ workspaceId: apiKeys.workspaceId, keyId: apiKeys.id, scopes: apiKeys.scopes })
		.from(apiKeys)
		.where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
		.limit(1);
	return rows[0] ?? null;
}
