// Every attempt in a range as CSV, streamed page by page (keyset on createdAt, id) so a year of attempts
// never sits in memory. Columns are the attempt's public fields (attempts/public.ts), as the API names them.
import { and, asc, gt, eq, or, type SQL } from 'drizzle-orm';
import type { Filters } from '$lib/schemas/filters';
import type { Db } from '../db/connection';
import { attempts, type Attempt } from '../db/schema';
import { whereAttempts } from '../queries/filters';
import { publicAttemptCsvHead, publicAttemptCsvRow } from '../attempts/public';

const PAGE = 1000;

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
	let head = publicAttemptCsvHead();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				page ??= await readPage(after);
				controller.enqueue(encoder.encode(head + page.map(publicAttemptCsvRow).join('')));
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
