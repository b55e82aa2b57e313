import { describe, expect, test } from 'vitest';
import { safeNext } from '../../src/lib/server/auth/sign-in';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/passwords';

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
