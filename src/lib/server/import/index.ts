// Import: attempts from a file, line by line, through the ingestion path (validation, pricing, idempotency,
// resend and conflict rules) in batches of up to 1000. Unlike a JSON batch, a file is not all or nothing: a
// line that is invalid, cannot be priced, or conflicts with a stored attempt is reported and stored nowhere,
// and every other line is stored. Importing the same file again changes nothing.
import { and, eq, inArray } from 'drizzle-orm';
import { MAX_BATCH } from '$lib/schemas/attempt';
import type { Db } from '../db/connection';
import { attempts, type Attempt } from '../db/schema';
import { ApiError, type Issue } from '../errors';
import { currentPriceBook } from '../catalog/price-book';
import { setVerdict, storePrepared } from '../ingest';
import { prepareRange, verdictDiffers, type PreparedAttempt } from '../ingest/prepare';
import { MAX_LISTED_REFUSALS, type ImportReport, type Refusal } from '$lib/import-report';

/** One line of a file: the attempt it holds, or why it holds none. Lines count from 1 (first data row). */
export type ImportLine = { line: number; value: unknown } | { line: number; problem: Issue };

export type { ImportReport, Refusal };

export interface ImportOptions {
	/** Validate, price and classify every line; store nothing. */
	dryRun?: boolean;
	/** Who sends: recorded with verdicts, e.g. 'key:<id>'. */
	by?: string;
	/** A key restricted to these projects may import only into them (empty: any). */
	projects?: string[];
	now?: Date;
	/** Runs each batch's database work (the route gives each batch its own deadline). */
	runBatch?: <T>(work: () => Promise<T>) => Promise<T>;
	/** After each batch, the report so far. */
	onProgress?: (report: ImportReport) => void;
}

interface Pending {
	line: number;
	/** The attempt as the file gives it (what the API would be sent). */
	value: Record<string, unknown>;
	prepared: PreparedAttempt;
}

export async function importAttempts(
	db: Db,
	workspaceId: string,
	lines: AsyncIterable<ImportLine>,
	options: ImportOptions = {}
): Promise<ImportReport> {
	const { dryRun = false, projects = [], now = new Date() } = options;
	const by = options.by ?? null;
	const run = options.runBatch ?? (<T>(work: () => Promise<T>) => work());
	const book = await currentPriceBook(db, workspaceId);
	const report: ImportReport = {
		lines: 0,
		accepted: 0,
		duplicates: 0,
		updated: 0,
		refused: [],
		refusedCount: 0,
		dryRun
	};
	const refuse = (line: number, path: string, message: string) => {
		report.refusedCount++;
		if (report.refused.length < MAX_LISTED_REFUSALS) report.refused.push({ line, path, message });
	};
	// A dry run keeps what the lines before would have stored, so that a later line with the same id is
	// judged as a resend of it, as the real import would.
	const wouldStore = new Map<string, PreparedAttempt>();

	let batch: Pending[] = [];
	// One batch is stored while the lines of the next are read and checked; batches are stored in file
	// order, each once the one before it is done (a later line may resend an earlier one's id).
	let storing: Promise<void> = Promise.resolve();
	const flush = async () => {
		if (batch.length === 0) return;
		const current = batch;
		batch = [];
		await storing;
		const next = (dryRun ? run(() => classifyDry(current)) : run(() => store(current))).then(() =>
			options.onProgress?.({ ...report, refused: [...report.refused] })
		);
		// Awaited at the next flush or at the end; until then a failure must not count as unhandled.
		next.catch(() => {});
		storing = next;
	};

	/** Stores a batch; lines that conflict with stored attempts are judged one by one (resolveConflicts). */
	const store = async (pending: Pending[]) => {
		let rest = pending;
		while (rest.length > 0) {
			try {
				const result = await storePrepared(
					db,
					workspaceId,
					rest.map((p) => p.prepared)
				);
				report.accepted += result.accepted;
				report.duplicates += result.duplicates;
				report.updated += result.updated;
				return;
			} catch (error) {
				const conflicts = conflictIds(error);
				if (!conflicts) throw error;
				const stored = await storedById(conflicts);
				const conflicting = rest.filter((p) => conflicts.has(p.prepared.row.id));
				rest = rest.filter((p) => !conflicts.has(p.prepared.row.id));
				for (const p of conflicting) await resolveConflict(p, stored.get(p.prepared.row.id));
			}
		}
	};

	/**
	 * A line whose id is stored with other content. The content hash is of the attempt as first sent, and a
	 * file says some things differently (the canonical model for an alias, a createdAt that was left to the
	 * server): a line that describes the stored attempt exactly is a resend; any other is a conflict.
	 */
	const resolveConflict = async (p: Pending, stored: Attempt | undefined) => {
		if (!stored || !describes(p, stored)) {
			refuse(
				p.line,
				'id',
				`conflicts with the stored attempt "${p.prepared.row.id}": only the verdict may change`
			);
			return;
		}
		if (!verdictChanges(p.prepared, stored)) {
			report.duplicates++;
			return;
		}
		if (!dryRun)
			await setVerdict(
				db,
				workspaceId,
				stored.id,
				{
					verdict: p.prepared.row.verdict as 'keep' | 'reject' | 'pending',
					rejectReason: p.prepared.row.rejectReason ?? undefined,
					reviewSeconds: p.prepared.row.reviewSeconds ?? undefined
				},
				now,
				by,
				projects
			);
		report.updated++;
	};

	const classifyDry = async (pending: Pending[]) => {
		const stored = await storedById(new Set(pending.map((p) => p.prepared.row.id)));
		for (const p of pending) {
			const id = p.prepared.row.id;
			const earlier = wouldStore.get(id);
			const known = stored.get(id);
			if (earlier) {
				if (earlier.row.contentHash !== p.prepared.row.contentHash) {
					refuse(
						p.line,
						'id',
						`conflicts with line content sent earlier for "${id}": only the verdict may change`
					);
				} else if (p.prepared.verdictSent && verdictDiffers(storedVerdictOf(earlier.row), p.prepared)) {
					report.updated++;
					wouldStore.set(id, p.prepared);
				} else report.duplicates++;
			} else if (!known) {
				report.accepted++;
				wouldStore.set(id, p.prepared);
			} else if (known.contentHash === p.prepared.row.contentHash || describes(p, known)) {
				if (verdictChanges(p.prepared, known)) report.updated++;
				else report.duplicates++;
			} else {
				refuse(p.line, 'id', `conflicts with the stored attempt "${id}": only the verdict may change`);
			}
		}
	};

	const storedById = async (ids: Set<string>): Promise<Map<string, Attempt>> => {
		if (ids.size === 0) return new Map();
		const rows = await db
			.select()
			.from(attempts)
			.where(and(eq(attempts.workspaceId, workspaceId), inArray(attempts.id, [...ids])));
		return new Map(rows.map((r) => [r.id, r]));
	};

	for await (const item of lines) {
		report.lines++;
		if ('problem' in item) {
			refuse(item.line, item.problem.path, item.problem.message);
			continue;
		}
		const found = prepareRange(workspaceId, [item.value], book, now);
		const problem = found.invalid[0] ?? found.unpriceable[0];
		if (problem) {
			for (const issue of [...found.invalid, ...found.unpriceable])
				refuse(item.line, issue.path, issue.message);
			continue;
		}
		const prepared = found.rows[0];
		// As ingest records them: who gave the verdicts this line carries.
		if (prepared.row.verdictAt) prepared.row.verdictBy = by;
		if (projects.length > 0 && !projects.includes(prepared.row.project)) {
			refuse(item.line, 'project', `this API key may only write to ${projects.join(', ')}`);
			continue;
		}
		batch.push({ line: item.line, value: item.value as Record<string, unknown>, prepared });
		if (batch.length >= MAX_BATCH) await flush();
	}
	await flush();
	await storing;
	return report;
}

/** The ids a 409 from ingest names, or null for any other error. */
function conflictIds(error: unknown): Set<string> | null {
	if (!(error instanceof ApiError) || error.status !== 409) return null;
	const ids = error.extra.conflicts;
	return Array.isArray(ids) ? new Set(ids as string[]) : null;
}

/** Whether storing the line would change the stored verdict (a line without a verdict never does). */
const verdictChanges = (p: PreparedAttempt, stored: Attempt) =>
	p.verdictSent && verdictDiffers(storedVerdictOf(stored), p);

const storedVerdictOf = (row: PreparedAttempt['row'] | Attempt) => ({
	verdict: row.verdict,
	rejectReason: row.rejectReason ?? null,
	reviewSeconds: row.reviewSeconds ?? null
});

/**
 * Whether the line says exactly what the stored attempt holds, field by field as the export writes it:
 * the same canonical model, cost (a reported cost to the micro-dollar; a book cost from the book), tags
 * (sent ones as sent; none sent where they were inferred), and every other field; a createdAt the line
 * leaves out is the stored one.
 */
export function describes(p: Pick<Pending, 'value' | 'prepared'>, stored: Attempt): boolean {
	const row = p.prepared.row;
	const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
	if (
		!same(row.project, stored.project) ||
		!same(row.model, stored.model) ||
		row.durationSeconds !== stored.durationSeconds ||
		!same(row.resolution, stored.resolution) ||
		row.costSource !== stored.costSource ||
		(row.costSource === 'reported' && row.costMicros !== stored.costMicros) ||
		row.status !== stored.status ||
		!same(row.shotId, stored.shotId) ||
		!same(row.prompt, stored.prompt) ||
		!same(row.generationSeconds, stored.generationSeconds) ||
		!same(row.creator, stored.creator) ||
		!same(row.videoUrl, stored.videoUrl) ||
		canonical(row.metadata) !== canonical(stored.metadata)
	)
		return false;
	if (p.value.createdAt !== undefined && row.createdAt.getTime() !== stored.createdAt.getTime()) return false;
	if (row.tagsSource === 'client')
		return stored.tagsSource === 'client' && sameList(row.tags ?? [], stored.tags);
	return stored.tagsSource !== 'client';
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function canonical(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object') {
		const object = value as Record<string, unknown>;
		return `{${Object.keys(object)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(object[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}
