// Store prepared attempts atomically. A batch of new ids (the usual case) is copied in (openAttemptsCopy);
// any other batch is classified and written in one transaction (storeAttempts): identical resends counted
// as duplicates, verdict-only resends applied, any other difference refused (409) with nothing stored.
import { and, eq, getTableColumns, getTableName, is, Param, Placeholder, SQL, sql } from 'drizzle-orm';
import { csvField, openCopy, type OpenCopy } from '../db/copy';
import { ApiError, hasErrorCode } from '../errors';
import type { Db } from '../db/connection';
import { attempts, type NewAttempt } from '../db/schema';
import { placeRejects, type Placements } from './place';
import { verdictDiffers, type PreparedAttempt, type StoredVerdict } from './prepare';

export interface IngestResult {
	accepted: number;
	duplicates: number;
	updated: number;
}

interface Known extends StoredVerdict {
	contentHash: string;
}

type Outcome = 'new' | 'duplicate' | 'updated';

/** Raised when a concurrent request inserted one of our new ids first: the transaction is run again. */
class RaceLost extends Error {}

function classify(known: Known, incoming: PreparedAttempt): Outcome | 'conflict' {
	if (known.contentHash !== incoming.row.contentHash) return 'conflict';
	if (!incoming.verdictSent) return 'duplicate';
	return verdictDiffers(known, incoming) ? 'updated' : 'duplicate';
}

/** The batch classified against the stored attempts and written, in one transaction. */
export async function storeAttempts(
	db: Db,
	workspaceId: string,
	batch: PreparedAttempt[]
): Promise<IngestResult> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.transaction((tx) => storeOnce(tx as unknown as Db, workspaceId, batch));
		} catch (error) {
			if (!(error instanceof RaceLost || isTransient(error)) || attempt >= 4) throw error;
		}
	}
}

/** Deadlock and serialization failures: the transaction rolled back whole, and can simply run again. */
const isTransient = (error: unknown): boolean =>
	hasErrorCode(error, (code) => code === '40P01' || code === '40001');

/**
 * A COPY that met another request's attempts: one of its ids is stored already (23505), or a concurrent
 * batch holds some of its ids while waiting for others it holds (a deadlock, 40P01). Nothing of it is
 * stored, and storeAttempts classifies the batch against what is (running again after a deadlock).
 */
export const metOtherAttempts = (error: unknown): boolean =>
	hasErrorCode(error, (code) => code === '23505' || code === '40P01');

/** In a transaction: the batch classified against the stored attempts, locked. */
async function storeOnce(tx: Db, workspaceId: string, batch: PreparedAttempt[]): Promise<IngestResult> {
	const ids = [...new Set(batch.map((b) => b.row.id))];
	const existing = await tx
		.select({
			id: attempts.id,
			contentHash: attempts.contentHash,
			verdict: attempts.verdict,
			rejectReason: attempts.rejectReason,
			reviewSeconds: attempts.reviewSeconds
		})
		.from(attempts)
		// One array parameter rather than one per id: the same rows as `in (...)`, at a fraction of the cost.
		.where(and(eq(attempts.workspaceId, workspaceId), sql`${attempts.id} = any(${sql.param(ids)}::text[])`))
		// Locked in id order, so two overlapping batches queue behind each other instead of deadlocking.
		.orderBy(attempts.id)
		.for('update');

	const plan = planBatch(batch, new Map<string, Known>(existing.map((e) => [e.id, e])));
	applyMerges(plan);
	if (plan.conflicts.length > 0) {
		const unique = [...new Set(plan.conflicts)];
		throw new ApiError(
			409,
			`${unique.length} attempt id(s) were sent before with different content; only verdict, rejectReason and reviewSeconds ` +
				'may change on a resend. Nothing was stored.',
			[],
			{ conflicts: unique }
		);
	}

	if (plan.inserts.size > 0) {
		const rows = [...plan.inserts.values()].map((i) => i.row);
		// Placed by the trigger: a COPY that came first may have placed a row whose verdict was merged since.
		for (const row of rows) row.rejectCategory = row.rejectCategoryBy = null;
		const inserted = await insertAttempts(tx, rows);
		if (inserted !== plan.inserts.size) throw new RaceLost();
	}
	if (plan.updates.size > 0) await applyVerdicts(tx, workspaceId, [...plan.updates.values()]);
	return plan.result;
}

interface Plan {
	inserts: Map<string, PreparedAttempt>;
	updates: Map<string, PreparedAttempt>;
	/** A new id sent again in the batch with another verdict: the row to insert takes the later verdict. */
	merges: Map<PreparedAttempt, PreparedAttempt>;
	conflicts: string[];
	result: IngestResult;
}

/** Walk the batch in order, so a batch that resends its own id behaves like two requests. */
function planBatch(batch: PreparedAttempt[], known: Map<string, Known>): Plan {
	const plan: Plan = {
		inserts: new Map(),
		updates: new Map(),
		merges: new Map(),
		conflicts: [],
		result: { accepted: 0, duplicates: 0, updated: 0 }
	};
	for (const item of batch) {
		const id = item.row.id;
		const before = known.get(id);
		if (!before) {
			plan.inserts.set(id, item);
			known.set(id, stateOf(item, undefined));
			plan.result.accepted++;
			continue;
		}
		const outcome = classify(before, item);
		if (outcome === 'conflict') {
			plan.conflicts.push(id);
			continue;
		}
		if (outcome === 'duplicate') {
			plan.result.duplicates++;
			continue;
		}
		plan.result.updated++;
		known.set(id, stateOf(item, before));
		const pendingInsert = plan.inserts.get(id);
		if (pendingInsert) plan.merges.set(pendingInsert, item);
		else plan.updates.set(id, item);
	}
	return plan;
}

/** The later verdict goes into the row to insert (in place: a retry after a lost race sees it, as before). */
function applyMerges(plan: Plan): void {
	for (const [pendingInsert, item] of plan.merges) {
		pendingInsert.row.verdict = item.row.verdict;
		pendingInsert.row.rejectReason = item.row.rejectReason;
		pendingInsert.row.reviewSeconds = item.row.reviewSeconds ?? pendingInsert.row.reviewSeconds;
		pendingInsert.row.verdictAt = item.row.verdictAt;
		pendingInsert.row.verdictBy = item.row.verdictBy;
	}
}

/** The state after `item` is applied over `before`: a review time not sent stays as it was. */
const stateOf = (item: PreparedAttempt, before: Known | undefined): Known => ({
	contentHash: item.row.contentHash,
	verdict: item.row.verdict,
	rejectReason: item.row.rejectReason ?? null,
	reviewSeconds: item.row.reviewSeconds ?? before?.reviewSeconds ?? null
});

async function applyVerdicts(tx: Db, workspaceId: string, items: PreparedAttempt[]): Promise<void> {
	const values = sql.join(
		items.map(
			(i) =>
				sql`(${i.row.id}::text, ${i.row.verdict}::text, ${i.row.rejectReason ?? null}::text, ${i.row.reviewSeconds ?? null}::float8, ${i.row.verdictAt?.toISOString() ?? null}::timestamptz, ${i.row.verdictBy ?? null}::text)`
		),
		sql`, `
	);
	await tx.execute(sql`
		update ${attempts} as a
		set verdict = v.verdict, reject_reason = v.reason, verdict_at = v.at, verdict_by = v.by,
			review_seconds = coalesce(v.seconds, a.review_seconds)
		from (values ${values}) as v(id, verdict, reason, seconds, at, by)
		where a.workspace_id = ${workspaceId} and a.id = v.id`);
}

const attemptColumns = Object.entries(getTableColumns(attempts)).map(([key, column]) => ({
	key: key as keyof NewAttempt,
	column
}));
type InsertColumn = (typeof attemptColumns)[number];

/**
 * The columns to insert, or undefined for rows that take drizzle's own path: a value given as SQL, a
 * column with a default computed in JS or a generated one, or a column left undefined in some rows only
 * while it has a default (drizzle writes `default` for an undefined value: NULL in a column without one).
 * A column undefined in every row is left out, so it takes its default too.
 */
function insertColumns(rows: NewAttempt[]): InsertColumn[] | undefined {
	const columns: InsertColumn[] = [];
	for (const entry of attemptColumns) {
		const { key, column } = entry;
		if (column.defaultFn || column.onUpdateFn || column.generated || column.generatedIdentity)
			return undefined;
		let given = 0;
		for (const row of rows) {
			const value = row[key];
			if (value === undefined) continue;
			given++;
			if (typeof value === 'object' && (is(value, SQL) || is(value, Param) || is(value, Placeholder)))
				return undefined;
		}
		if (given === 0) continue;
		if (given < rows.length && column.hasDefault) return undefined;
		columns.push(entry);
	}
	return columns;
}

/**
 * `insert ... on conflict do nothing returning 1` of `rows`, with one array parameter per column
 * (`select ... from unnest(...)`), whatever the number of rows: drizzle's multi-row VALUES has one
 * parameter per cell (12,000 for 500 attempts), and building that query costs far more than the
 * database's work. Each value reaches PostgreSQL as the very text drizzle would send (its own
 * mapToDriverValue), quoted in an array literal, and is read by the column type's input function, as a
 * parameter would be (array columns go as text, read as their type row by row).
 */
function insertSelect(rows: NewAttempt[], columns: InsertColumn[]): SQL {
	const names = sql.join(
		columns.map(({ column }) => sql.identifier(column.name)),
		sql`, `
	);
	const arrays: SQL[] = [];
	const selected: SQL[] = [];
	for (const { key, column } of columns) {
		let literal = '{';
		// Neighbouring rows often share a value (the workspace, the time received): converted once.
		let previous: unknown = undefined;
		let element = 'NULL';
		for (let i = 0; i < rows.length; i++) {
			const value = rows[i][key];
			if (value !== previous) {
				previous = value;
				element =
					value === null || value === undefined
						? 'NULL'
						: quoteElement(String(column.mapToDriverValue(value)));
			}
			literal += i > 0 ? `,${element}` : element;
		}
		const type = column.getSQLType();
		const name = sql.identifier(column.name);
		if (type.endsWith('[]')) {
			arrays.push(sql`${sql.param(`${literal}}`)}::text[]`);
			selected.push(sql`${name}::${sql.raw(type)}`);
		} else {
			arrays.push(sql`${sql.param(`${literal}}`)}::${sql.raw(type)}[]`);
			selected.push(sql`${name}`);
		}
	}
	return sql`insert into ${attempts} (${names})
		select ${sql.join(selected, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as v(${names})
		on conflict do nothing
		returning 1`;
}

/** An element of an array literal: always quoted, so that any text (even "NULL") stays that text. */
const quoteElement = (text: string): string =>
	`"${/[\\"]/.test(text) ? text.replace(/[\\"]/g, '\\$&') : text}"`;

/** A COPY into attempts (see openCopy), written prepared attempts at a time. */
export interface AttemptsCopy extends Omit<OpenCopy, 'write'> {
	write(batch: PreparedAttempt[]): Promise<void>;
}

/**
 * A batch whose ids are all new, stored by COPY: atomic by itself, and a trigger adds the rows of new
 * projects in the same statement. If any id is stored already, by an earlier request or a concurrent
 * one, end() rejects (see metOtherAttempts) and nothing is stored. Rejected attempts come placed in
 * their reject category (placeRejects), each distinct reason of the COPY matched once.
 */
export async function openAttemptsCopy(db: Db): Promise<AttemptsCopy> {
	const copy = await openCopy(
		db,
		getTableName(attempts),
		attemptColumns.map(({ column }) => column.name)
	);
	const placements: Placements = new Map();
	return {
		get failed() {
			return copy.failed;
		},
		write: async (batch) => {
			const rows = batch.map((p) => p.row);
			await placeRejects(db, rows, placements);
			await copy.write(copyRows(rows));
		},
		end: () => copy.end(),
		abort: () => copy.abort()
	};
}

/**
 * Rows as CSV for COPY, every column: each value as the very text drizzle would send as a parameter (its
 * own mapToDriverValue; an array column's value is its array literal), read by the column type's input
 * function.
 */
function copyRows(rows: NewAttempt[]): string {
	const fields: string[][] = rows.map(() => []);
	for (const { key, column } of attemptColumns) {
		// Neighbouring rows often share a value (the workspace, the time received): converted once.
		let previous: unknown = undefined;
		let field = '';
		for (let i = 0; i < rows.length; i++) {
			const value = rows[i][key];
			if (i === 0 || value !== previous) {
				// COPY has no DEFAULT: a missing value would be stored as NULL.
				if (value === undefined && column.hasDefault)
					throw new Error(`attempt ${rows[i].id} has no ${column.name}, and COPY cannot give its default`);
				previous = value;
				field = csvField(
					value === null || value === undefined ? null : String(column.mapToDriverValue(value))
				);
			}
			fields[i].push(field);
		}
	}
	let csv = '';
	for (const row of fields) csv += `${row.join(',')}\n`;
	return csv;
}

/** Inserts new rows (`on conflict do nothing`); returns how many were inserted. */
async function insertAttempts(tx: Db, rows: NewAttempt[]): Promise<number> {
	const columns = insertColumns(rows);
	if (!columns) {
		const inserted = await tx
			.insert(attempts)
			.values(rows)
			.onConflictDoNothing()
			.returning({ id: attempts.id });
		return inserted.length;
	}
	return rowsOf(await tx.execute(insertSelect(rows, columns))).length;
}

/** drizzle's execute() gives a list on postgres-js and {rows} on PGlite. */
const rowsOf = (result: unknown): unknown[] =>
	Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
