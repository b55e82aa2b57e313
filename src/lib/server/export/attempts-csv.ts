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

/**
 * The first page is read before the first byte, so a query that fails answers with an error status. A
 * later page that fails is logged and errors the stream: the server then breaks off the response, and the
 * client sees a failed download rather than a complete-looking, truncated file.
 */
export async function attemptsCsv(
	db: Db,
	workspaceId: string,
	filters: Filters
): Promise<ReadableStream<Uint8Array>> {
	const encoder = new TextEncoder();
	const readPage = (after: Attempt | undefined) => {
		const where: SQL[] = [whereAttempts(workspaceId, filters)];
		if (after) {
			where.push(
				or(
					gt(attempts.createdAt, after.createdAt),
					and(eq(attempts.createdAt, after.createdAt), gt(attempts.id, after.id))
				)!
			);
		}
		return db
			.select()
			.from(attempts)
			.where(and(...where))
			.orderBy(asc(attempts.createdAt), asc(attempts.id))
			.limit(PAGE);
	};
	let after: Attempt | undefined;
	let page: Attempt[] | undefined = await readPage(after);
	let head = csvRow([...ATTEMPT_COLUMNS]);
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				page ??= await readPage(after);
				controller.enqueue(encoder.encode(head + page.map((a) => csvRow(cells(a))).join('')));
				head = '';
				if (page.length < PAGE) controller.close();
				else after = page[page.length - 1];
				page = undefined;
			} catch (error) {
				console.error('[keeprate] the attempts CSV failed part-way; the download was broken off:', error);
				controller.error(error);
			}
		}
	});
}
