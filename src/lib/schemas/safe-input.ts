// What the database cannot hold as sent, refused at the edge with a 400 rather than failing in SQL:
// - U+0000 in text (PostgreSQL text and jsonb refuse it);
// - a lone UTF-16 surrogate (text would store U+FFFD instead, so a stored id would differ from the one
//   sent; jsonb refuses it);
// - dates outside the years MIN_YEAR to MAX_YEAR (Date.parse accepts years 0 and ±275760, which
//   PostgreSQL cannot hold or read back);
// - JSON nested deeper than MAX_JSON_DEPTH (a recursive walk of 10,000 levels overflows the stack).
import { z } from 'zod';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2200;
export const MAX_JSON_DEPTH = 64;

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
export const SURROGATE_MESSAGE =
	'must not contain a lone UTF-16 surrogate (U+D800 to U+DFFF without its pair)';
export const DEPTH_MESSAGE = `must not nest arrays and objects deeper than ${MAX_JSON_DEPTH} levels`;
export const YEAR_MESSAGE = `must be in the years ${MIN_YEAR} to ${MAX_YEAR}`;

// In a /u regular expression a surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
	if (value.includes('\u0000')) return NUL_MESSAGE;
	if (LONE_SURROGATE.test(value)) return SURROGATE_MESSAGE;
	return null;
}

/** A string the database stores exactly as sent; chain trim, min and max after it. */
export const storableString = () =>
	z
		.string()
		.refine((v) => !v.includes('\u0000'), NUL_MESSAGE)
		.refine((v) => !LONE_SURROGATE.test(v), SURROGATE_MESSAGE);

const EARLIEST = Date.UTC(MIN_YEAR, 0, 1);
const AFTER_LATEST = Date.UTC(MAX_YEAR + 1, 0, 1);

/** Whether an instant (milliseconds since the epoch) falls in the years MIN_YEAR to MAX_YEAR, UTC. */
export const inYearRange = (ms: number): boolean => ms >= EARLIEST && ms < AFTER_LATEST;

export interface Unstorable {
	path: (string | number)[];
	message: string;
}

/**
 * The first string or key (the path then ends at that key) that cannot be stored, or the first array or object nested deeper than
 * MAX_JSON_DEPTH (the value itself is level 1), with its path; null when the whole value can be stored.
 * The recursion stops at MAX_JSON_DEPTH, so no input can overflow the stack. `path` is the walk's own.
 */
export function findUnstorable(value: unknown, path: (string | number)[] = []): Unstorable | null {
	if (typeof value === 'string') {
		const message = textProblem(value);
		return message ? { path: [...path], message } : null;
	}
	if (value === null || typeof value !== 'object') return null;
	if (path.length >= MAX_JSON_DEPTH) return { path: [...path], message: DEPTH_MESSAGE };
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			path.push(i);
			const found = findUnstorable(value[i], path);
			path.pop();
			if (found) return found;
		}
		return null;
	}
	for (const key in value) {
		if (!Object.hasOwn(value, key)) continue;
		path.push(key);
		const keyProblem = textProblem(key);
		const found = keyProblem
			? { path: [...path], message: keyProblem }
			: findUnstorable((value as Record<string, unknown>)[key], path);
		path.pop();
		if (found) return found;
	}
	return null;
}

/**
 * Whether JSON text nests arrays and objects deeper than `max` levels: one pass over the text, no
 * recursion, so it runs before JSON.parse and before anything walks the parsed value.
 */
export function jsonNestedDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22) {
			// Skip a string, escapes included; an unterminated one is JSON.parse's to refuse.
			for (i++; i < text.length; i++) {
				const s = text.charCodeAt(i);
				if (s === 0x5c) i++;
				else if (s === 0x22) break;
			}
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > max) return true;
		} else if (c === 0x7d || c === 0x5d) {
			depth--;
		}
	}
	return false;
}
