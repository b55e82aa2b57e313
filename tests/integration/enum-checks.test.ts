// Issue 13: enum-like text columns (cost_source, status, verdict, role, ...) were unchecked, so a bad value
// could be stored and casts such as `row.role as Role` were unchecked. Migration 0012 adds a CHECK per column
// and refuses, naming the table, column and value, a database whose existing rows already break one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/lib/server/db/connection';
import { migrate, migrationsFolder } from '../../src/lib/server/db/migrate';
import { rowsOf } from '../../src/lib/server/rollups/compact';
import { freshWorkspace, onPostgres, testDatabase } from '../setup/db';
import { freshPostgresDatabase } from '../setup/server';

/** The error's own message and its causes' (drizzle wraps the driver's error). */
function messages(error: unknown): string {
	const out: string[] = [];
	for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
		out.push(String(e.message));
	}
	return out.join('\n');
}

/** The checks migration 0012 adds. */
const CHECKS = [
	'api_keys_scopes_check',
	'attempt_rollups_grain_check',
	'attempts_cost_source_check',
	'attempts_status_check',
	'attempts_verdict_check',
	'attempts_tags_source_check',
	'attempts_tags_inferred_by_check',
	'budgets_period_check',
	'memberships_role_check',
	'shot_deltas_state_check',
	'shot_rollups_grain_check',
	'shot_rollups_state_check'
]
	.map((name) => `'${name}'`)
	.join(', ');

async function refusal(run: () => Promise<unknown>): Promise<string> {
	const error = await run().then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error, 'the database accepted it').toBeDefined();
	return messages(error);
}

describe('migration 0012 on a database with a bad row', () => {
	let before: string;

	beforeAll(() => {
		// The migrations up to 0011 only: the database as it stood before the checks.
		before = mkdtempSync(join(tmpdir(), 'keeprate-migrations-'));
		const all = migrationsFolder();
		for (const file of readdirSync(all)) {
			if (/^00(0\d|1[01])_.*\.sql$/.test(file)) cpSync(join(all, file), join(before, file));
		}
		const journal = JSON.parse(readFileSync(join(all, 'meta', '_journal.json'), 'utf8'));
		journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 11);
		cpSync(join(all, 'meta'), join(before, 'meta'), { recursive: true });
		writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify(journal));
	});
	afterAll(() => rmSync(before, { recursive: true, force: true }));

	/** A new database migrated up to 0011, on PGlite or the PostgreSQL server, closed and dropped after. */
	async function withOldDatabase(run: (database: Database) => Promise<void>) {
		const pg = onPostgres ? await freshPostgresDatabase(process.env.DATABASE_URL!) : undefined;
		const database = await openDatabase({ url: pg?.url });
		try {
			process.env.KEEPRATE_MIGRATIONS_DIR = before;
			await migrate(database);
			delete process.env.KEEPRATE_MIGRATIONS_DIR;
			await run(database);
		} finally {
			delete process.env.KEEPRATE_MIGRATIONS_DIR;
			await database.close();
			await pg?.drop();
		}
	}

	test.each([
		[
			'an attempt whose verdict is "maybe"',
			`insert into attempts (workspace_id, id, project, model, duration_seconds, cost_micros, cost_source,
				status, verdict, created_at, content_hash)
			values ('w', 'a1', 'p', 'm', 8, 0, 'price_book', 'succeeded', 'maybe', now(), 'h')`,
			/attempts\.verdict: 1 row\(s\) hold a value outside \(keep, reject, pending\), e\.g\. 'maybe'/
		],
		[
			'a member whose role is "superuser"',
			`insert into users (id, email, password_hash) values ('u1', 'u1@example.com', 'x');
			insert into memberships (workspace_id, user_id, role) values ('w', 'u1', 'superuser')`,
			/memberships\.role: 1 row\(s\) hold a value outside \(viewer, member, admin, owner\), e\.g\. 'superuser'/
		],
		[
			'an API key with an "admin" scope',
			`insert into api_keys (workspace_id, id, name, prefix, key_hash, scopes)
			values ('w', 'k1', 'k', 'kr_', 'hash', array['read', 'admin'])`,
			/api_keys\.scopes: 1 scope\(s\) outside \(ingest, read\), e\.g\. 'admin'/
		]
	])('with %s, the migration stops and names the table, column and value', async (_name, insert, message) => {
		await withOldDatabase(async (database) => {
			await database.db.execute(sql.raw(`insert into workspaces (id, name) values ('w', 'w')`));
			for (const statement of insert.split(';')) await database.db.execute(sql.raw(statement));
			expect(await refusal(() => migrate(database))).toMatch(message);
			// Nothing of 0012 was applied: the bad value can still be written, so it was not half-done.
			const constraints = await database.db.execute(
				sql.raw(`select count(*)::int as n from pg_constraint where conname in (${CHECKS})`)
			);
			expect(rowsOf(constraints)[0].n).toBe(0);
		});
	});

	test('with good rows only, the migration adds every check', async () => {
		await withOldDatabase(async (database) => {
			await database.db.execute(sql.raw(`insert into workspaces (id, name) values ('w', 'w')`));
			await migrate(database);
			const constraints = await database.db.execute(
				sql.raw(`select count(*)::int as n from pg_constraint where conname in (${CHECKS})`)
			);
			expect(rowsOf(constraints)[0].n).toBe(12);
		});
	});
});

describe('a bad value written to a migrated database', () => {
	let database: Database;
	let ws: string;

	beforeAll(async () => {
		database = await testDatabase();
		ws = await freshWorkspace(database);
		await database.db.execute(
			sql.raw(`insert into attempts (workspace_id, id, project, model, duration_seconds, cost_micros,
				cost_source, status, verdict, created_at, content_hash, tags_source, tags_inferred_by)
			values ('${ws}', 'a1', 'p', 'm', 8, 0, 'price_book', 'succeeded', 'pending', now(), 'h', 'inferred', 'rules')`)
		);
	});
	afterAll(async () => {
		await database?.close();
	});

	const rollupSums = `0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0`;
	const sums = `attempts, kept, rejected, failed, pending, spend_micros, decided_spend_micros,
		kept_spend_micros, kept_seconds, generation_seconds, timed_attempts`;
	test.each([
		[
			'attempts_cost_source_check',
			(w: string) => `update attempts set cost_source = 'guess' where workspace_id = '${w}'`
		],
		[
			'attempts_status_check',
			(w: string) => `update attempts set status = 'queued' where workspace_id = '${w}'`
		],
		[
			'attempts_verdict_check',
			(w: string) => `update attempts set verdict = 'maybe' where workspace_id = '${w}'`
		],
		[
			'attempts_tags_source_check',
			(w: string) => `update attempts set tags_source = 'guess' where workspace_id = '${w}'`
		],
		[
			'attempts_tags_inferred_by_check',
			(w: string) => `update attempts set tags_inferred_by = 'magic' where workspace_id = '${w}'`
		],
		[
			'budgets_period_check',
			(w: string) => `insert into budgets (workspace_id, id, project, period, amount_micros, starts_on)
				values ('${w}', 'b1', '', 'fortnight', 1, '2026-11-30')`
		],
		[
			'memberships_role_check',
			(w: string) => `with u as (insert into users (id, email, password_hash)
					values ('${w}-u', '${randomUUID()}@example.com', 'x') returning id)
				insert into memberships (workspace_id, user_id, role) select '${w}', id, 'superuser' from u`
		],
		[
			'api_keys_scopes_check',
			(w: string) => `insert into api_keys (workspace_id, id, name, prefix, key_hash, scopes)
				values ('${w}', 'k1', 'k', 'kr_', 'hash', array['read', 'admin'])`
		],
		[
			'attempt_rollups_grain_check',
			(w: string) => `insert into attempt_rollups (workspace_id, cuboid, grain, bucket, project, model, tags,
					resolution, duration, creator, ${sums})
				values ('${w}', 'm', 'week', now(), '', 'm', '{}', '', '', '', ${rollupSums})`
		],
		[
			'shot_rollups_grain_check',
			(w: string) => `insert into shot_rollups (workspace_id, cuboid, grain, bucket, project, model, tags,
					takes_to_first_keep, state, shots, takes, cost_to_first_keep_micros, spend_micros)
				values ('${w}', 'm', 'week', now(), '', 'm', '{}', 0, 'kept', 0, 0, 0, 0)`
		],
		[
			'shot_rollups_state_check',
			(w: string) => `insert into shot_rollups (workspace_id, cuboid, grain, bucket, project, model, tags,
					takes_to_first_keep, state, shots, takes, cost_to_first_keep_micros, spend_micros)
				values ('${w}', 'm', 'day', now(), '', 'm', '{}', 0, 'lost', 0, 0, 0, 0)`
		],
		[
			'shot_deltas_state_check',
			(w: string) => `insert into shot_deltas (workspace_id, hour, project, model, tags, takes_to_first_keep,
					state, shots, takes, cost_to_first_keep_micros, spend_micros)
				values ('${w}', now(), '', 'm', '{}', 0, 'lost', 0, 0, 0, 0)`
		]
	])('is refused by %s', async (constraint, statement) => {
		expect(await refusal(() => database.db.execute(sql.raw(statement(ws))))).toContain(constraint);
	});
});
