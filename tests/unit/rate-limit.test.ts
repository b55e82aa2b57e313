import { describe, expect, test } from 'vitest';
import { rateLimiter } from '../../src/lib/server/rate-limit';
import { safeNext } from '../../src/lib/server/auth/sign-in';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/passwords';

describe('per-key rate limit', () => {
	test('a burst up to the limit passes, the next waits, and tokens come back with time', () => {
		const limit = rateLimiter(60);
		for (let i = 0; i < 60; i++) expect(limit.take('k', 0)).toBe(0);
		expect(limit.take('k', 0)).toBe(1);
		expect(limit.take('other', 0)).toBe(0);
		expect(limit.take('k', 1000)).toBe(0);
		expect(limit.take('k', 1000)).toBe(1);
	});

	test('a limit of 0 turns it off', () => {
		const limit = rateLimiter(0);
		for (let i = 0; i < 1000; i++) expect(limit.take('k', 0)).toBe(0);
	});
});

describe('sign-in helpers', () => {
	test.each([
		['/weekly?week=2026-W48', '/weekly?week=2026-W48'],
		['//evil.example', '/'],
		['/\\evil.example', '/'],
		['https://evil.example', '/'],
		[null, '/'],
		['', '/']
	])('after sign-in, %s leads to %s', (next, to) => {
		expect(safeNext(next)).toBe(to);
	});

	test('passwords are salted scrypt hashes that verify only the right password', async () => {
		const a = await hashPassword('correct horse');
		const b = await hashPassword('correct horse');
		expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct');
		expect(await verifyPassword('correct horse', a)).toBe(true);
		expect(await verifyPassword('correct horsf', a)).toBe(false);
		expect(await verifyPassword('x', 'plain-text')).toBe(false);
	});
});
