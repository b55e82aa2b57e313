// The ingestion contract (README "Log attempts"): every field bounded, unknown fields refused.
import { z } from 'zod';
import { storableString } from './safe-input';

export const MAX_BATCH = 1000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const text = (max: number) => storableString().trim().min(1, 'must not be empty').max(max);

/**
 * An attempt's id, stored and looked up exactly as sent: never trimmed (refused with spaces at either end),
 * never holding what PostgreSQL would refuse or replace.
 */
export const attemptId = storableString()
	.min(1, 'must not be empty')
	.max(200)
	.refine((v) => v.trim() === v, 'must not start or end with a space');

export const slug = z
	.string()
	.max(64)
	.regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a slug: lowercase letters, digits, "-" or "_"');

export const verdictSchema = z.enum(['keep', 'reject', 'pending']);

/** Seconds reviewers spent on an attempt: at most a day, far beyond any review of one clip. */
export const MAX_REVIEW_SECONDS = 86_400;
export const reviewSecondsSchema = z.number().min(0).max(MAX_REVIEW_SECONDS);
export const statusSchema = z.enum(['succeeded', 'failed']);
export const resolutionSchema = z
	.string()
	.regex(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, 'must be WIDTHxHEIGHT in pixels, e.g. 1280x720');

// Clocks drift; a day ahead is tolerated, anything later is a bug in the client.
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;

export const attemptSchema = z
	.strictObject({
		id: attemptId,
		project: slug,
		model: text(100),
		durationSeconds: z.number().positive().max(3600),
		resolution: resolutionSchema.optional(),
		costUsd: z.number().min(0).max(1_000_000).optional(),
		verdict: verdictSchema.optional(),
		rejectReason: text(500).optional(),
		reviewSeconds: reviewSecondsSchema.optional(),
		status: statusSchema.optional(),
		createdAt: z.iso
			.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' })
			.refine((v) => Date.parse(v) <= Date.now() + FUTURE_TOLERANCE_MS, 'must not be in the future')
			.refine((v) => Date.parse(v) >= Date.UTC(2000, 0, 1), 'must be after 2000-01-01')
			.optional(),
		shotId: text(200).optional(),
		tags: z
			.array(
				z
					.string()
					.trim()
					.toLowerCase()
					.min(1, 'must not be empty')
					.max(50)
					.regex(/^[a-z0-9][a-z0-9 _-]*$/, 'must be letters, digits, spaces, "-" or "_"')
			)
			.max(20)
			.optional(),
		prompt: z.string().max(10_000).optional(),
		generationSeconds: z.number().min(0).max(86_400).optional(),
		creator: text(200).optional(),
		videoUrl: z
			.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
			.max(2000)
			.optional(),
		metadata: z
			.record(z.string().max(100), z.unknown())
			.refine((m) => JSON.stringify(m).length <= 10_000, 'must be at most 10000 characters as JSON')
			.optional()
	})
	.refine((a) => a.rejectReason === undefined || a.verdict === 'reject', {
		path: ['rejectReason'],
		message: 'goes only with verdict "reject"'
	})
	.refine((a) => a.reviewSeconds === undefined || a.verdict !== undefined, {
		path: ['reviewSeconds'],
		message: 'goes with a verdict: send "verdict" too'
	})
	.refine((a) => !(a.status === 'failed' && a.verdict === 'keep'), {
		path: ['verdict'],
		message: 'a failed attempt has no clip to keep'
	});

export type AttemptInput = z.infer<typeof attemptSchema>;

export const verdictPatchSchema = z
	.strictObject({
		verdict: verdictSchema,
		rejectReason: text(500).optional(),
		reviewSeconds: reviewSecondsSchema.optional()
	})
	.refine((a) => a.rejectReason === undefined || a.verdict === 'reject', {
		path: ['rejectReason'],
		message: 'goes only with verdict "reject"'
	});

export type VerdictPatch = z.infer<typeof verdictPatchSchema>;
