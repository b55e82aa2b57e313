// Every table keys on workspace_id first, so tables can be distributed by workspace (Citus) unchanged.
// Money is integer micro-dollars (bigint, read as JS number: 2^53 micro-dollars is $9 billion).
import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	numeric,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import {
	BUDGET_PERIODS,
	COST_SOURCES,
	GRAIN_NAMES,
	ROLES,
	SCOPES,
	SHOT_STATES,
	STATUSES,
	TAG_INFERENCES,
	TAG_SOURCES,
	VERDICTS
} from './enums';
import {
	DEFAULT_REJECT_RULES,
	REJECT_CATEGORY_IDS,
	REJECT_PLACEMENTS,
	type RejectRule
} from '../../reasons/categories';

const micros = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** CHECK that a text column holds one of `values` (a null passes: not null is said on the column). */
const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]) =>
	check(name, sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`);

export const workspaces = pgTable(
	'workspaces',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		timeZone: text('time_zone').notNull().default('UTC'),
		// Slack-compatible incoming webhook for the weekly digest; null: no digest.
		digestWebhookUrl: text('digest_webhook_url'),
		// Raised by triggers on every change to the workspace's models, aliases or prices: a cached price book
		// of an older version is stale.
		catalogVersion: bigint('catalog_version', { mode: 'number' }).notNull().default(0),
		// What an hour of review costs, in micro-dollars; null: no rate, so the labour figures are null.
		laborMicrosPerHour: micros('labor_micros_per_hour'),
		// Ordered pattern -> category rules for reject reasons (reasons/categories.ts); the first match wins.
		rejectRules: jsonb('reject_rules').$type<RejectRule[]>().notNull().default(DEFAULT_REJECT_RULES),
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [check('workspaces_labor_rate_check', sql`${t.laborMicrosPerHour} >= 0`)]
);

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
		scopes: text('scopes', { enum: SCOPES })
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
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.id] }),
		index('api_keys_hash_idx').on(t.keyHash),
		check(
			'api_keys_scopes_check',
			sql`${t.scopes} <@ ARRAY[${sql.raw(SCOPES.map((v) => `'${v}'`).join(', '))}]::text[]`
		)
	]
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
		costSource: text('cost_source', { enum: COST_SOURCES }).notNull(),
		status: text('status', { enum: STATUSES }).notNull(),
		verdict: text('verdict', { enum: VERDICTS }).notNull(),
		rejectReason: text('reject_reason'),
		// Time reviewers spent on the attempt (the review queue adds; the API sets); part of the verdict.
		reviewSeconds: doublePrecision('review_seconds'),
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
		tagsSource: text('tags_source', { enum: TAG_SOURCES }),
		tagsInferredBy: text('tags_inferred_by', { enum: TAG_INFERENCES }),
		prompt: text('prompt'),
		generationSeconds: doublePrecision('generation_seconds'),
		creator: text('creator'),
		videoUrl: text('video_url'),
		metadata: jsonb('metadata'),
		// Why it was not kept (reasons/categories.ts): set by a trigger with the verdict, in the same statement
		// (drizzle/0014_reject_categories.sql); null for kept and pending attempts.
		rejectCategory: text('reject_category', { enum: REJECT_CATEGORY_IDS }),
		rejectCategoryBy: text('reject_category_by', { enum: REJECT_PLACEMENTS }),
		// SHA-256 of the attempt as sent, without its verdict (verdict, rejectReason, reviewSeconds): tells a duplicate from a conflict.
		contentHash: text('content_hash').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.id] }),
		index('attempts_time_idx').on(t.workspaceId, t.createdAt),
		index('attempts_project_time_idx').on(t.workspaceId, t.project, t.createdAt),
		index('attempts_model_time_idx').on(t.workspaceId, t.model, t.createdAt),
		index('attempts_tags_idx').using('gin', t.tags),
		// A shot's takes, in order, for the shots trigger.
		index('attempts_shot_idx')
			.on(t.workspaceId, t.shotId, t.createdAt, t.id)
			.where(sql`${t.shotId} is not null`),
		// The oldest attempt still waiting for a verdict, without reading the decided ones.
		index('attempts_pending_idx')
			.on(t.workspaceId, t.createdAt)
			.where(sql`${t.status} = 'succeeded' and ${t.verdict} = 'pending'`),
		// The background tagger's queue: attempts whose tags came from the rules only.
		index('attempts_tag_queue_idx')
			.on(t.workspaceId, t.receivedAt)
			.where(sql`${t.tagsInferredBy} = 'rules'`),
		// The reasons the rules left as `other`, waiting for the opt-in model (reasons/worker.ts).
		index('attempts_reason_queue_idx')
			.on(t.workspaceId, t.receivedAt)
			.where(sql`${t.rejectCategoryBy} = 'queued'`),
		oneOf('attempts_cost_source_check', t.costSource, COST_SOURCES),
		oneOf('attempts_status_check', t.status, STATUSES),
		oneOf('attempts_verdict_check', t.verdict, VERDICTS),
		oneOf('attempts_tags_source_check', t.tagsSource, TAG_SOURCES),
		oneOf('attempts_tags_inferred_by_check', t.tagsInferredBy, TAG_INFERENCES),
		oneOf('attempts_reject_category_check', t.rejectCategory, REJECT_CATEGORY_IDS),
		oneOf('attempts_reject_category_by_check', t.rejectCategoryBy, REJECT_PLACEMENTS),
		check('attempts_review_seconds_check', sql`${t.reviewSeconds} >= 0`)
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
		period: text('period', { enum: BUDGET_PERIODS }).notNull(),
		amountMicros: micros('amount_micros').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.id] }),
		index('budgets_scope_idx').on(t.workspaceId, t.project, t.startsOn),
		oneOf('budgets_period_check', t.period, BUDGET_PERIODS)
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
		role: text('role', { enum: ROLES }).notNull(),
		createdAt: ts('created_at').notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.userId] }),
		index('memberships_user_idx').on(t.userId),
		oneOf('memberships_role_check', t.role, ROLES)
	]
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

/** Failed sign-ins per email and client address, for throttling (only the last 15 minutes matter). */
export const signInFailures = pgTable(
	'sign_in_failures',
	{
		email: text('email').notNull(),
		// The client's address as throttled: an IPv4 address, or an IPv6 address's /64 network.
		client: text('client').notNull().default(''),
		at: ts('at').notNull().defaultNow()
	},
	(t) => [
		index('sign_in_failures_idx').on(t.email, t.client, t.at),
		index('sign_in_failures_client_idx').on(t.client, t.at)
	]
);

/**
 * Ingestion token buckets, one per API key, shared by every instance of the app on one database: tokens
 * left and when they were counted (rate-limit.ts refills them from the time passed).
 */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
	key: text('key').primaryKey(),
	tokens: doublePrecision('tokens').notNull(),
	at: ts('at').notNull()
});

/**
 * Background work that one instance at a time should do (the tagger): the instance holding a lease until
 * `until` does it, and renews it while it runs; another takes it over once it lapses (leases.ts).
 */
export const leases = pgTable('leases', {
	name: text('name').primaryKey(),
	holder: text('holder').notNull(),
	until: ts('until').notNull()
});

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

// ---- Rollups: the sums every count figure needs, kept beside the raw attempts (src/lib/server/rollups) ----

/** The additive sums of a group of attempts ($lib/metrics/figures Counts); seconds as exact decimals. */
const rollupSums = () => ({
	attempts: bigint('attempts', { mode: 'number' }).notNull(),
	kept: bigint('kept', { mode: 'number' }).notNull(),
	rejected: bigint('rejected', { mode: 'number' }).notNull(),
	failed: bigint('failed', { mode: 'number' }).notNull(),
	pending: bigint('pending', { mode: 'number' }).notNull(),
	spendMicros: micros('spend_micros').notNull(),
	decidedSpendMicros: micros('decided_spend_micros').notNull(),
	keptSpendMicros: micros('kept_spend_micros').notNull(),
	keptSeconds: numeric('kept_seconds').notNull(),
	generationSeconds: numeric('generation_seconds').notNull(),
	timedAttempts: bigint('timed_attempts', { mode: 'number' }).notNull(),
	// Over decided attempts only. Default 0: the rows folded before it was counted had none.
	reviewSeconds: numeric('review_seconds').notNull().default('0')
});

/** Every dimension a page filters or segments by, as its segment label ('(unknown)' for none). */
const rollupDimensions = () => ({
	project: text('project').notNull(),
	model: text('model').notNull(),
	tags: text('tags').array().notNull(),
	resolution: text('resolution').notNull(),
	duration: text('duration').notNull(),
	creator: text('creator').notNull()
});

/**
 * Signed changes at full dimensions per UTC hour, appended by triggers on `attempts` in the writing
 * transaction and folded into attempt_rollups by the compactor. No key: rows are only appended and deleted.
 */
export const rollupDeltas = pgTable(
	'rollup_deltas',
	{
		workspaceId: text('workspace_id').notNull(),
		hour: ts('hour').notNull(),
		...rollupDimensions(),
		...rollupSums()
	},
	(t) => [index('rollup_deltas_hour_idx').on(t.workspaceId, t.hour)]
);

/**
 * The sums per cuboid (a set of dimensions kept; the others hold '' or '{}'), grain ('hour' or 'day', in
 * UTC) and bucket start.
 */
export const attemptRollups = pgTable(
	'attempt_rollups',
	{
		workspaceId: text('workspace_id').notNull(),
		cuboid: text('cuboid').notNull(),
		grain: text('grain', { enum: GRAIN_NAMES }).notNull(),
		bucket: ts('bucket').notNull(),
		...rollupDimensions(),
		...rollupSums()
	},
	(t) => [
		primaryKey({
			name: 'attempt_rollups_pk',
			columns: [
				t.workspaceId,
				t.cuboid,
				t.grain,
				t.bucket,
				t.project,
				t.model,
				t.tags,
				t.resolution,
				t.duration,
				t.creator
			]
		}),
		index('attempt_rollups_project_idx').on(t.workspaceId, t.cuboid, t.grain, t.project, t.bucket),
		oneOf('attempt_rollups_grain_check', t.grain, GRAIN_NAMES)
	]
);

/**
 * Each shot's state over all its takes (attempts sharing a shotId, ordered by createdAt then id), as of
 * the last time the compactor settled it. A shot with rows in shot_changes may be out of date: reads
 * recompute those from their takes (see shot_changes).
 */
export const shots = pgTable(
	'shots',
	{
		workspaceId: text('workspace_id').notNull(),
		shotId: text('shot_id').notNull(),
		// The first project in sort order, and the model of every take or '(mixed)'.
		project: text('project').notNull(),
		model: text('model').notNull(),
		// The first take's tags and time: a shot belongs to the range its first take falls in.
		tags: text('tags').array().notNull(),
		firstAt: ts('first_at').notNull(),
		takes: integer('takes').notNull(),
		// Takes up to and including the first keep, and their cost; null without a keep.
		takesToFirstKeep: integer('takes_to_first_keep'),
		costToFirstKeepMicros: micros('cost_to_first_keep_micros'),
		spendMicros: micros('spend_micros').notNull(),
		pendingTakes: integer('pending_takes').notNull(),
		// Review time of its decided takes, as an exact decimal (0 when none was sent).
		reviewSeconds: numeric('review_seconds').notNull().default('0')
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.shotId] }),
		index('shots_first_at_idx').on(t.workspaceId, t.firstAt)
	]
);

/**
 * Shots whose takes changed since the compactor last settled them, appended by a trigger on attempts in
 * the writing transaction (a shot may be named more than once). The compactor recomputes their shots rows
 * and deletes these in one statement; until then a read recomputes them from their takes.
 */
export const shotChanges = pgTable(
	'shot_changes',
	{
		workspaceId: text('workspace_id').notNull(),
		shotId: text('shot_id').notNull()
	},
	(t) => [index('shot_changes_shot_idx').on(t.workspaceId, t.shotId)]
);

/** The additive sums of a group of shots with one outcome. */
const shotSums = () => ({
	shots: bigint('shots', { mode: 'number' }).notNull(),
	takes: bigint('takes', { mode: 'number' }).notNull(),
	costToFirstKeepMicros: micros('cost_to_first_keep_micros').notNull(),
	spendMicros: micros('spend_micros').notNull(),
	// Over the shots' decided takes. Default 0: the rows folded before it was counted had none.
	reviewSeconds: numeric('review_seconds').notNull().default('0')
});

/** A shot group's dimensions: who and what, how many takes to the first keep (0: none) and the state. */
const shotDimensions = () => ({
	project: text('project').notNull(),
	model: text('model').notNull(),
	tags: text('tags').array().notNull(),
	takesToFirstKeep: integer('takes_to_first_keep').notNull(),
	// 'kept', 'review' (no keep, takes pending) or 'abandoned' (no keep, nothing pending)
	state: text('state', { enum: SHOT_STATES }).notNull()
});

/** Signed changes of shots per UTC hour of their first take, appended by a trigger on shots. */
export const shotDeltas = pgTable(
	'shot_deltas',
	{
		workspaceId: text('workspace_id').notNull(),
		hour: ts('hour').notNull(),
		...shotDimensions(),
		...shotSums()
	},
	(t) => [
		index('shot_deltas_hour_idx').on(t.workspaceId, t.hour),
		oneOf('shot_deltas_state_check', t.state, SHOT_STATES)
	]
);

export const shotRollups = pgTable(
	'shot_rollups',
	{
		workspaceId: text('workspace_id').notNull(),
		cuboid: text('cuboid').notNull(),
		grain: text('grain', { enum: GRAIN_NAMES }).notNull(),
		bucket: ts('bucket').notNull(),
		...shotDimensions(),
		...shotSums()
	},
	(t) => [
		primaryKey({
			name: 'shot_rollups_pk',
			columns: [
				t.workspaceId,
				t.cuboid,
				t.grain,
				t.bucket,
				t.project,
				t.model,
				t.tags,
				t.takesToFirstKeep,
				t.state
			]
		}),
		index('shot_rollups_project_idx').on(t.workspaceId, t.cuboid, t.grain, t.project, t.bucket),
		oneOf('shot_rollups_grain_check', t.grain, GRAIN_NAMES),
		oneOf('shot_rollups_state_check', t.state, SHOT_STATES)
	]
);

/**
 * A workspace whose reject rules changed: its rejected attempts are placed again in batches, in order of
 * id after `afterId` (reasons/recategorise.ts). The row is gone once every attempt follows the rules.
 */
export const rejectRecategorise = pgTable('reject_recategorise', {
	workspaceId: text('workspace_id').primaryKey(),
	afterId: text('after_id').notNull().default(''),
	startedAt: ts('started_at').notNull().defaultNow()
});

/** Not-kept decided attempts per category (failed ones as `failed`), what they cost and their review time. */
const reasonDimensions = () => ({
	project: text('project').notNull(),
	model: text('model').notNull(),
	tags: text('tags').array().notNull(),
	category: text('category', { enum: REJECT_CATEGORY_IDS }).notNull()
});

const reasonSums = () => ({
	attempts: bigint('attempts', { mode: 'number' }).notNull(),
	wastedSpendMicros: micros('wasted_spend_micros').notNull(),
	// Review time spent on those attempts. Default 0: the rows folded before it was counted had none.
	reviewSeconds: numeric('review_seconds').notNull().default('0')
});

/** Signed changes per UTC hour, appended by triggers on attempts (drizzle/0014_reject_categories.sql). */
export const reasonDeltas = pgTable(
	'reason_deltas',
	{
		workspaceId: text('workspace_id').notNull(),
		hour: ts('hour').notNull(),
		...reasonDimensions(),
		...reasonSums()
	},
	(t) => [index('reason_deltas_hour_idx').on(t.workspaceId, t.hour)]
);

export const reasonRollups = pgTable(
	'reason_rollups',
	{
		workspaceId: text('workspace_id').notNull(),
		cuboid: text('cuboid').notNull(),
		grain: text('grain', { enum: GRAIN_NAMES }).notNull(),
		bucket: ts('bucket').notNull(),
		...reasonDimensions(),
		...reasonSums()
	},
	(t) => [
		primaryKey({
			name: 'reason_rollups_pk',
			columns: [t.workspaceId, t.cuboid, t.grain, t.bucket, t.project, t.model, t.tags, t.category]
		}),
		index('reason_rollups_project_idx').on(t.workspaceId, t.cuboid, t.grain, t.project, t.bucket),
		oneOf('reason_rollups_grain_check', t.grain, GRAIN_NAMES)
	]
);

export type Attempt = typeof attempts.$inferSelect;
export type Budget = typeof budgets.$inferSelect;
export type NewAttempt = typeof attempts.$inferInsert;
