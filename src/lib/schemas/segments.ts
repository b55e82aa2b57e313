import { z } from 'zod';

/** The ways a family pair can be cut to see where the premium tier pays. */
export const DIMENSIONS = ['tag', 'resolution', 'duration', 'creator', 'project'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const dimensionSchema = z.enum(DIMENSIONS);

export const DIMENSION_LABELS: Record<Dimension, string> = {
	tag: 'Scene tag',
	resolution: 'Resolution',
	duration: 'Duration',
	creator: 'Creator',
	project: 'Project'
};

/** Duration buckets in display order (the SQL in queries/segments.ts produces these labels). */
export const DURATION_BUCKETS = ['≤ 5 s', '5–8 s', '8–12 s', '> 12 s'];

/**
 * The what-if needs segments that split the attempts: an attempt with several tags would be counted in
 * each, so scene tags are not offered there.
 */
export const WHAT_IF_DIMENSIONS = ['project', 'resolution', 'duration', 'creator'] as const;
export type WhatIfDimension = (typeof WHAT_IF_DIMENSIONS)[number];
export const whatIfDimensionSchema = z.enum(WHAT_IF_DIMENSIONS);
