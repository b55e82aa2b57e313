// An attempt's public fields, mapped once: the API's answer for an attempt (GET and PATCH
// /api/v1/attempts/{id}) and the attempts CSV's columns, in this order. A field added here appears in both.
import { csvRow, microsToDecimal } from '$lib/csv';
import type { Attempt } from '../db/schema';

const FIELDS = {
	id: (a: Attempt) => a.id,
	project: (a: Attempt) => a.project,
	model: (a: Attempt) => a.model,
	createdAt: (a: Attempt) => a.createdAt.toISOString(),
	durationSeconds: (a: Attempt) => a.durationSeconds,
	resolution: (a: Attempt) => a.resolution,
	costUsd: (a: Attempt) => a.costMicros / 1_000_000,
	costSource: (a: Attempt) => a.costSource,
	status: (a: Attempt) => a.status,
	verdict: (a: Attempt) => a.verdict,
	rejectReason: (a: Attempt) => a.rejectReason,
	reviewSeconds: (a: Attempt) => a.reviewSeconds,
	verdictAt: (a: Attempt) => a.verdictAt?.toISOString() ?? null,
	// 'user:<id>' from the review queue, 'key:<id>' through the API.
	verdictBy: (a: Attempt) => a.verdictBy,
	shotId: (a: Attempt) => a.shotId,
	tags: (a: Attempt) => a.tags,
	tagsSource: (a: Attempt) => a.tagsSource,
	prompt: (a: Attempt) => a.prompt,
	generationSeconds: (a: Attempt) => a.generationSeconds,
	creator: (a: Attempt) => a.creator,
	videoUrl: (a: Attempt) => a.videoUrl,
	metadata: (a: Attempt) => a.metadata,
	receivedAt: (a: Attempt) => a.receivedAt.toISOString()
};

export type PublicAttempt = { [K in keyof typeof FIELDS]: ReturnType<(typeof FIELDS)[K]> };
export type PublicField = keyof PublicAttempt;

export const PUBLIC_ATTEMPT_FIELDS = Object.keys(FIELDS) as PublicField[];

export function publicAttempt(a: Attempt): PublicAttempt {
	const out: Record<string, unknown> = {};
	for (const field of PUBLIC_ATTEMPT_FIELDS) out[field] = FIELDS[field](a);
	return out as PublicAttempt;
}

/**
 * A field's value as a CSV cell: the cost as its exact decimal (the float above is micro-dollars / 10^6,
 * so rounding it back is exact), tags joined with ';', metadata as JSON text.
 */
function csvValue(field: PublicField, value: unknown): unknown {
	if (field === 'costUsd') return microsToDecimal(Math.round((value as number) * 1_000_000));
	if (field === 'tags') return (value as string[]).join(';');
	if (field === 'metadata') return value === null ? null : JSON.stringify(value);
	return value;
}

export const publicAttemptCsvHead = (): string => csvRow(PUBLIC_ATTEMPT_FIELDS);

export function publicAttemptCsvRow(a: Attempt): string {
	const p = publicAttempt(a);
	return csvRow(PUBLIC_ATTEMPT_FIELDS.map((field) => csvValue(field, p[field])));
}
