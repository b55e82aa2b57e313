// The fixed sets of values some text columns hold. The drizzle schema types those columns with them and
// the database checks them (CHECK constraints, drizzle/0012_enum_checks.sql). No imports: drizzle-kit
// reads this file with the schema. The API's zod schemas hold the same lists (tests/unit/enums.test.ts).

/** A member's role in a workspace, weakest first. */
export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
/** What an API key may do. */
export const SCOPES = ['ingest', 'read'] as const;
/** Where an attempt's cost came from: the client's costUsd, or the workspace's price book. */
export const COST_SOURCES = ['reported', 'price_book'] as const;
export const STATUSES = ['succeeded', 'failed'] as const;
export const VERDICTS = ['keep', 'reject', 'pending'] as const;
/** 'client': the attempt carried tags; 'inferred': keeprate derived them from the prompt. */
export const TAG_SOURCES = ['client', 'inferred'] as const;
/** How inferred tags stand (tags/worker.ts): rule tags queued for the model, the model's, or final rule tags. */
export const TAG_INFERENCES = ['rules', 'llm', 'rules-final'] as const;
export const BUDGET_PERIODS = ['week', 'month'] as const;
/** Rollup bucket sizes (rollups/plan.ts GRAINS). */
export const GRAIN_NAMES = ['d64', 'd16', 'd4', 'day', 'hour'] as const;
/** A shot's state: a keep, takes still in review, or given up. */
export const SHOT_STATES = ['kept', 'review', 'abandoned'] as const;

export type Role = (typeof ROLES)[number];
export type Scope = (typeof SCOPES)[number];
export type CostSource = (typeof COST_SOURCES)[number];
export type ShotState = (typeof SHOT_STATES)[number];
