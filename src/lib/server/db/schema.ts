// Every table keys on workspace_id first, so tables can be distributed by workspace (Citus) unchanged.
// Money is integer micro-dollars (bigint, read as JS number: 2^53 micro-dollars is $9 billion).
import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

const micros = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const workspaces = pgTable('workspaces', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	timeZone: text('time_zone').notNull().default('UTC'),
	// Slack-compatible incoming webhook for the weekly digest; null: no digest.
	digestWebhookUrl: text('digest_webhook_url'),
	// Raised by triggers on every change to the workspace's models, aliases or prices: a cached price book
	// of an older version is stale.
	catalogVersion: bigint('catalog_version', { mode: 'number' }).notNull().default(0),
	createdAt: ts('created_at').notNull().defaultNow()
});

export const projects = pgTable(
	'projects',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.slug] })]
);

export const apiKeys = pgTable(
	'api_keys',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		id: text('id').notNull(),
		name: text('name').notNull(),
		// The first characters of the key, to recognise it in a list; the key itself is never stored.
		prefix: text('prefix').notNull(),
		// SHA-256 of the whole key: keys are 192-bit random, so a fast hash is safe and checks in microseconds.
		keyHash: text('key_hash').notNull(),
		scopes: text('scopes')
			.array()
			.notNull()
			.default(sql`ARRAY['ingest','read']::text[]`),
		// Empty: every project; otherwise the key may only write and read these projects.
		projects: text('projects')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		createdBy: text('created_by'),
		createdAt: ts('created_at').notNull().defaultNow(),
		lastUsedAt: ts('last_used_at'),
		revokedAt: ts('revoked_at')
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('api_keys_hash_idx').on(t.keyHash)]
);

export const models = pgTable(
	'models',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		model: text('model').notNull(),
		family: text('family').notNull(),
		// Order within the family, cheapest (the base) first.
		tier: integer('tier').notNull(),
		displayName: text('display_name').notNull(),
		provider: text('provider').notNull(),
		retiredOn: date('retired_on', { mode: 'string' }),
		// Whether a failed attempt without a reported cost is billed at the book price (default: free).
		failedAttemptsBilled: boolean('failed_attempts_billed').notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.model] })]
);

export const modelAliases = pgTable(
	'model_aliases',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		alias: text('alias').notNull(),
		model: text('model').notNull()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.alias] })]
);

export const prices = pgTable(
	'prices',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		model: text('model').notNull(),
		// 'WxH', or '*' for any resolution; an exact resolution wins over '*'.
		resolution: text('resolution').notNull(),
		effectiveFrom: ts('effective_from').notNull(),
		microsPerSecond: micros('micros_per_second').notNull(),
		source: text('source').notNull()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.model, t.resolution, t.effectiveFrom] })]
);

export const attempts = pgTable(
	'attempts',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		id: text('id').notNull(),
		project: text('project').notNull(),
		// Canonical model id (aliases resolved); the model as sent is part of the content hash.
		model: text('model').notNull(),
		durationSeconds: doublePrecision('duration_seconds').notNull(),
		resolution: text('resolution'),
		costMicros: micros('cost_micros').notNull(),
		// 'reported' (the client's costUsd) or 'price_book'.
		costSource: text('cost_source').notNull(),
		status: text('status').notNull(),
		verdict: text('verdict').notNull(),
		rejectReason: text('reject_reason'),
		verdictAt: ts('verdict_at'),
		// Who gave the verdict: 'user:<id>' from the reviewers' queue, 'key:<id>' through the API.
		verdictBy: text('verdict_by'),
		createdAt: ts('created_at').notNull(),
		receivedAt: ts('received_at').notNull().defaultNow(),
		shotId: text('shot_id'),
		tags: text('tags')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		// 'client' when the attempt carried a tags field (even an empty list), 'inferred' when keeprate
		// derived them from the prompt; tagsInferredBy says how ('rules' at once, 'llm' later in the background).
		tagsSource: text('tags_source'),
		tagsInferredBy: text('tags_inferred_by'),
		prompt: text('prompt'),
		generationSeconds: doublePrecision('generation_seconds'),
		creator: text('creator'),
		videoUrl: text('video_url'),
		metadata: jsonb('metadata'),
		// SHA-256 of the attempt as sent, without verdict and rejectReason: tells a duplicate from a conflict.
		contentHash: text('content_hash').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.id] }),
		index('attempts_time_idx').on(t.workspaceId, t.createdAt),
		index('attempts_project_time_idx').on(t.workspaceId, t.project, t.createdAt),
		index('attempts_model_time_idx').on(t.workspaceId, t.model, t.createdAt),
		index('attempts_tags_idx').using('gin', t.tags),
		// The background tagger's queue: attempts whose tags came from the rules only.
		index('attempts_tag_queue_idx')
			.on(t.workspaceId, t.receivedAt)
			.where(sql`${t.tagsInferredBy} = 'rules'`)
	]
);

export const budgets = pgTable(
	'budgets',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		id: text('id').notNull(),
		// '' for the whole workspace, else a project slug (part of the key, so not null).
		project: text('project').notNull().default(''),
		period: text('period').notNull(), // 'week' | 'month'
		amountMicros: micros('amount_micros').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.id] }),
		index('budgets_scope_idx').on(t.workspaceId, t.project, t.startsOn)
	]
);

/** One row per weekly digest: sent, or still being retried. */
export const digests = pgTable(
	'digests',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		week: text('week').notNull(), // ISO week, e.g. 2026-W48
		tries: integer('tries').notNull().default(0),
		sentAt: ts('sent_at'),
		lastError: text('last_error'),
		nextTryAt: ts('next_try_at'),
		updatedAt: ts('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.week] })]
);

// Users and their sessions are global (a user can belong to several workspaces): on Citus they are
// reference tables. Memberships carry the role per workspace.
export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		// scrypt$N$r$p$salt$hash (node:crypto); the password itself is never stored.
		passwordHash: text('password_hash').notNull(),
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [uniqueIndex('users_email_idx').on(t.email)]
);

export const memberships = pgTable(
	'memberships',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		role: text('role').notNull(), // owner | admin | member | viewer
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)]
);

export const sessions = pgTable(
	'sessions',
	{
		// SHA-256 of the cookie's token: a database dump cannot be replayed as a cookie.
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		workspaceId: text('workspace_id').notNull(),
		createdAt: ts('created_at').notNull().defaultNow(),
		expiresAt: ts('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed sign-ins per email, for throttling (only the last 15 minutes matter). */
export const signInFailures = pgTable(
	'sign_in_failures',
	{
		email: text('email').notNull(),
		at: ts('at').notNull().defaultNow()
	},
	(t) => [index('sign_in_failures_idx').on(t.email, t.at)]
);

export const auditLog = pgTable(
	'audit_log',
	{
		workspaceId: text('workspace_id').notNull(),
		id: text('id').notNull(),
		at: ts('at').notNull().defaultNow(),
		actor: text('actor').notNull(), // an email, 'key:<id>' or 'system'
		action: text('action').notNull(), // e.g. 'key.created', 'price.added', 'user.signed_in'
		details: jsonb('details')
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('audit_log_time_idx').on(t.workspaceId, t.at)]
);

export type Attempt = typeof attempts.$inferSelect;
export type Budget = typeof budgets.$inferSelect;
export type NewAttempt = typeof attempts.$inferInsert;
