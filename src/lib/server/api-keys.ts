// API keys: 192 random bits behind a readable prefix. Only a SHA-256 of the key is stored; a key that
// random cannot be guessed from its hash, so a slow password hash would only cost every request time.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './db/connection';
import { apiKeys } from './db/schema';
import { audit } from './audit';
import type { Scope } from './db/enums';

export type { Scope };

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export const newKey = (): string => `kr_${randomBytes(24).toString('base64url')}`;

const prefixOf = (key: string) => key.slice(0, 10);

/** Store a key the caller chose (KEEPRATE_INIT_API_KEY, first start): both scopes, every project. */
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

export interface NewKeyInput {
	name: string;
	scopes: Scope[];
	projects: string[];
}

/** A new key: the key itself is returned once and never again. */
export async function createKey(db: Db, workspaceId: string, input: NewKeyInput, createdBy: string) {
	const key = newKey();
	const [row] = await db
		.insert(apiKeys)
		.values({
			workspaceId,
			id: randomUUID(),
			name: input.name,
			prefix: prefixOf(key),
			keyHash: hashKey(key),
			scopes: input.scopes,
			projects: input.projects,
			createdBy
		})
		.returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
	return { key, ...row };
}

/** A new key created by a signed-in admin, recorded in the audit log (never the key itself). */
export async function issueKey(db: Db, workspaceId: string, input: NewKeyInput, actor: string) {
	const created = await createKey(db, workspaceId, input, actor);
	await audit(db, workspaceId, actor, 'key.created', {
		id: created.id,
		name: created.name,
		prefix: created.prefix,
		scopes: input.scopes,
		projects: input.projects
	});
	return created;
}

export async function listKeys(db: Db, workspaceId: string) {
	return db
		.select({
			id: apiKeys.id,
			name: apiKeys.name,
			prefix: apiKeys.prefix,
			scopes: apiKeys.scopes,
			projects: apiKeys.projects,
			createdBy: apiKeys.createdBy,
			createdAt: apiKeys.createdAt,
			lastUsedAt: apiKeys.lastUsedAt,
			revokedAt: apiKeys.revokedAt
		})
		.from(apiKeys)
		.where(eq(apiKeys.workspaceId, workspaceId))
		.orderBy(asc(apiKeys.createdAt));
}

export async function revokeKey(db: Db, workspaceId: string, id: string): Promise<boolean> {
	const rows = await db
		.update(apiKeys)
		.set({ revokedAt: new Date() })
		.where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
		.returning({ keyHash: apiKeys.keyHash });
	for (const r of rows) cache.delete(r.keyHash);
	return rows.length > 0;
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
	scopes: Scope[];
	/** Empty: every project. */
	projects: string[];
}

// Recently seen keys, so a busy client costs one hash and a map lookup per request. A revocation here
// takes effect at once; in another process of the same deployment within CACHE_MS.
const CACHE_MS = 10_000;
const cache = new Map<string, { owner: KeyOwner | null; until: number }>();
// last_used_at is written at most once a minute per key, not on every request.
const lastWritten = new Map<string, number>();

/** The workspace a bearer key belongs to, or null for an unknown or revoked key. */
export async function findKey(db: Db, key: string, now = Date.now()): Promise<KeyOwner | null> {
	const hash = hashKey(key);
	const hit = cache.get(hash);
	let owner: KeyOwner | null;
	if (hit && hit.until > now) {
		owner = hit.owner;
	} else {
		const rows = await db
			.select({
				workspaceId: apiKeys.workspaceId,
				keyId: apiKeys.id,
				scopes: apiKeys.scopes,
				projects: apiKeys.projects
			})
			.from(apiKeys)
			.where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
			.limit(1);
		owner = rows[0] ?? null;
		if (cache.size > 10_000) cache.clear();
		cache.set(hash, { owner, until: now + CACHE_MS });
	}
	if (owner && (lastWritten.get(owner.keyId) ?? 0) < now - 60_000) {
		lastWritten.set(owner.keyId, now);
		await db
			.update(apiKeys)
			.set({ lastUsedAt: new Date(now) })
			.where(and(eq(apiKeys.workspaceId, owner.workspaceId), eq(apiKeys.id, owner.keyId)));
	}
	return owner;
}
