// Every attempt in a range as CSV, streamed page by page (keyset on createdAt, id) so a year of attempts
// never sits in memory. Columns are the API's field names, plus where the cost came from.
import { and, asc, gt, eq, or, type SQL } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import { csvRow, microsToDecimal } from '$lib/csv';
import type { Db } from '../db/connection';
import { attempts, type Attempt } from '../db/schema';
import { whereAttempts } from '../queries/filters';

const PAGE = 1000;

export const ATTEMPT_COLUMNS = [
	'id',
	'project',
	'model',
	'createdAt',
	'durationSeconds',
	'resolution',
	'costUsd',
	'costSource',
	'status',
	'verdict',
	'rejectReason',
	'verdictAt',
	'shotId',
	'tags',
	'tagsSource',
	'prompt',
	'generationSeconds',
	'creator',
	'videoUrl',
	'metadata',
	'receivedAt'
] as const;

function cells(a: Attempt): unknown[] {
	return [
		a.id,
		a.project,
		a.model,
		a.createdAt.toISOString(),
		a.durationSeconds,
		a.resolution,
		microsToDecimal(a.costMicros),
		a.costSource,
		a.status,
		a.verdict,
		a.rejectReason,
		a.verdictAt?.toISOString(),
		a.shotId,
		a.tags.join(';'),
		a.tagsSource,
		a.prompt,
		a.generationSeconds,
		a.creator,
		a.videoUrl,
		a.metadata === null ? null : JSON.stringify(a.metadata),
		a.receivedAt.toISOString()
	];
}

export function attemptsCsv(db: Db, workspaceId: string, filters: Filters): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let after: { createdAt: Date; id: string } | null = null;
	let headerSent = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!headerSent) {
				headerSent = true;
				controller.enqueue(encoder.encode(csvRow([...ATTEMPT_COLUMNS])));
				return;
			}
			const where: SQL[] = [whereAttempts(workspaceId, filters)];
			if (after) {
				where.push(
					or(
						gt(attempts.createdAt, after.createdAt),
						and(eq(attempts.createdAt, after.createdAt), gt(attempts.id, after.id))
					)!
				);
			}
			const page = await db
				.select()
				.from(attempts)
				.where(and(...where))
				.orderBy(asc(attempts.createdAt), asc(attempts.id))
				.limit(PAGE);
			if (page.length > 0) controller.enqueue(encoder.encode(page.map((a) => csvRow(cells(a))).join('')));
			if (page.length < PAGE) controller.close();
			else after = { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id };
		}
	});
}
