// The weekly digest: when a week closes, its headline figures go to the workspace's Slack-compatible
// webhook, retried with backoff until the receiver takes them. Each (workspace, week) is sent once.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { addDays, isoWeekLabel, mondayOf } from '$lib/metrics/weeks';
import { dayOf } from '$lib/metrics/time-zones';
import { formatProbability, formatSeconds, formatUsd } from '$lib/format';
import type { Db } from './db/connection';
import { digests, workspaces } from './db/schema';
import { outboundRequest, OutboundRefused, type OutboundOptions } from './outbound';
import { weeklyReview, type WeeklyReview } from './queries/weekly-review';

export interface DigestOptions {
	/** The dashboard's public address, for the links. */
	baseUrl: string;
	/** Delays between the tries of one send, in ms (then the scheduler tries again later). */
	retryDelays?: number[];
	/** Allowed hosts, name resolution and timeout of the request (defaults: the outbound module's). */
	outbound?: OutboundOptions;
	now?: () => Date;
}

const change = (now: number, before: number) =>
	before === 0
		? ''
		: ` (${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)}% vs last week)`;

/** Slack's incoming-webhook format: a text fallback and blocks. */
export function digestMessage(review: WeeklyReview, baseUrl: string) {
	const link = `${baseUrl}/weekly?week=${review.week}`;
	const lines = [
		`*Spend:* ${formatUsd(review.spendUsd)}${change(review.spendUsd, review.previousWeek.spendUsd)}`,
		`*Wasted on retakes:* ${formatUsd(review.wastedSpendUsd)}`,
		`*Kept clips:* ${review.keptClips} at ${formatUsd(review.costPerKeptClipUsd)} each`,
		// With the workspace's labour rate: the whole cost, the reviewers' time included.
		review.laborUsd !== null
			? `*All in, with review:* ${formatUsd(review.allInCostPerKeptClipUsd)} per kept clip (${formatSeconds(review.reviewSeconds)} of review, ${formatUsd(review.laborUsd)})`
			: null,
		review.budget
			? `*Budget (${review.budget.period}):* ${formatUsd(review.budget.spendUsd)} of ${formatUsd(review.budget.amountUsd)}, ${review.budget.status}`
			: null,
		`*Waiting for review:* ${review.backlog.pending} attempts`,
		...review.adviceChanges.map(
			(c) =>
				`*Tier advice changed* for ${c.family}: ${c.before ?? 'none'} → ${c.after ?? 'none'} (${c.premium} cheaper: ${formatProbability(c.probabilityPremiumCheaper)})`
		)
	].filter((l): l is string => l !== null);
	const title = `keeprate weekly review ${review.week}`;
	return {
		text: `${title}: spend ${formatUsd(review.spendUsd)}, wasted ${formatUsd(review.wastedSpendUsd)}. ${link}`,
		blocks: [
			{ type: 'header', text: { type: 'plain_text', text: title } },
			{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
			{ type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open the weekly review>` } }
		]
	};
}

/** The last week that has closed in the workspace's time zone. */
export function lastClosedWeek(now: Date, timeZone: string): string {
	return isoWeekLabel(addDays(mondayOf(dayOf(now, timeZone)), -7));
}

export type SendResult = { sent: true; tries: number } | { sent: false; tries: number; error: string };

/** Send one week's digest now, trying a few times; the outcome is recorded for the scheduler. */
export async function sendDigest(
	db: Db,
	workspaceId: string,
	week: string,
	o: DigestOptions
): Promise<SendResult> {
	const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
	if (!ws?.digestWebhookUrl) return { sent: false, tries: 0, error: 'no webhook is set for this workspace' };
	const options = { laborRate: ws.laborMicrosPerHour };
	const review = await weeklyReview(db, workspaceId, week, undefined, undefined, options);
	const body = JSON.stringify(digestMessage(review, o.baseUrl));
	const delays = o.retryDelays ?? [1000, 4000, 16000];
	let error = '';
	let tries = 0;
	for (const delay of [0, ...delays]) {
		if (delay) await new Promise((r) => setTimeout(r, delay));
		tries++;
		try {
			const response = await outboundRequest(
				ws.digestWebhookUrl,
				{ method: 'POST', headers: { 'content-type': 'application/json' }, body },
				{ maxBytes: 4096, ...o.outbound }
			);
			if (response.status >= 200 && response.status < 300) {
				await record(db, workspaceId, week, tries, null, o.now?.() ?? new Date());
				return { sent: true, tries };
			}
			// The status of a target that passed the address rules is safe to show; its body is not.
			error =
				response.status >= 300 && response.status < 400
					? `the webhook answered ${response.status}, a redirect, which is not followed`
					: `the webhook answered ${response.status}`;
		} catch (e) {
			if (e instanceof OutboundRefused) {
				// A rule does not change between tries: no point trying again now.
				error = `webhook refused: ${e.message}`;
				break;
			}
			// Why a connection failed says something about the network behind it: the log only.
			console.warn(`[keeprate] weekly digest of ${workspaceId}: ${(e as Error).message}`);
			error = 'the webhook could not be reached';
		}
	}
	await record(db, workspaceId, week, tries, error, o.now?.() ?? new Date());
	return { sent: false, tries, error };
}

async function record(
	db: Db,
	workspaceId: string,
	week: string,
	tries: number,
	error: string | null,
	now: Date
) {
	const [before] = await db
		.select()
		.from(digests)
		.where(and(eq(digests.workspaceId, workspaceId), eq(digests.week, week)));
	const total = (before?.tries ?? 0) + tries;
	// After a failed round, wait 5 min, 10, 20 ... up to 6 h before the scheduler tries again.
	const backoff = Math.min(5 * 60_000 * 2 ** Math.max(0, Math.floor(total / 4) - 1), 6 * 3600_000);
	const values = {
		tries: total,
		sentAt: error ? (before?.sentAt ?? null) : now,
		lastError: error,
		nextTryAt: error ? new Date(now.getTime() + backoff) : null,
		updatedAt: now
	};
	await db
		.insert(digests)
		.values({ workspaceId, week, ...values })
		.onConflictDoUpdate({ target: [digests.workspaceId, digests.week], set: values });
}

/** Every few minutes: send the last closed week's digest where it is due and not sent yet. */
export async function sendDueDigests(db: Db, o: DigestOptions): Promise<number> {
	const now = o.now?.() ?? new Date();
	const due = await db.select().from(workspaces).where(isNotNull(workspaces.digestWebhookUrl));
	let sent = 0;
	for (const ws of due) {
		const week = lastClosedWeek(now, ws.timeZone);
		const [state] = await db
			.select()
			.from(digests)
			.where(and(eq(digests.workspaceId, ws.id), eq(digests.week, week)));
		if (state?.sentAt || (state?.nextTryAt && state.nextTryAt > now)) continue;
		if (!(await claim(db, ws.id, week, now))) continue;
		if ((await sendDigest(db, ws.id, week, o)).sent) sent++;
	}
	return sent;
}

/** Longer than a round of tries takes (four sends of at most 10 s, 21 s of waits between them). */
const CLAIM_MS = 5 * 60_000;

/**
 * Several instances of the app run this scheduler on one database: the one whose statement moves the
 * week's next try past the round sends it, the others find it claimed (the row is locked by the upsert,
 * so two claims queue and the second sees the first). The round's outcome then sets the next try.
 */
async function claim(db: Db, workspaceId: string, week: string, now: Date): Promise<boolean> {
	const until = new Date(now.getTime() + CLAIM_MS);
	const claimed = await db
		.insert(digests)
		.values({ workspaceId, week, nextTryAt: until, updatedAt: now })
		.onConflictDoUpdate({
			target: [digests.workspaceId, digests.week],
			set: { nextTryAt: until, updatedAt: now },
			setWhere: sql`${digests.sentAt} is null and (${digests.nextTryAt} is null or ${digests.nextTryAt} <= ${now.toISOString()}::timestamptz)`
		})
		.returning({ week: digests.week });
	return claimed.length > 0;
}

export function startDigestScheduler(db: Db, o: DigestOptions, everyMs = 10 * 60_000) {
	let running: Promise<unknown> = Promise.resolve();
	const tick = () => {
		running = sendDueDigests(db, o).catch((e) => console.error('[keeprate] weekly digest:', e));
	};
	const timer = setInterval(tick, everyMs);
	timer.unref();
	const first = setTimeout(tick, 5000);
	first.unref();
	return {
		stop: async () => {
			clearInterval(timer);
			clearTimeout(first);
			await running;
		}
	};
}
