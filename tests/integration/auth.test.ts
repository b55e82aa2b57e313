// Accounts and sessions through the real server: every page behind sign-in, the cookie's flags,
// throttled wrong passwords, sign-out, CSRF and the security headers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { postForm, signInHttp } from '../setup/session';

let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

const PAGES = [
	'/',
	'/recommendations',
	'/shots',
	'/weekly',
	'/projects',
	'/projects/anything',
	'/review',
	'/settings',
	'/settings/keys',
	'/settings/prices',
	'/settings/members',
	'/settings/audit',
	'/workspaces/new',
	'/account',
	'/export/attempts.csv',
	'/export/weekly.csv'
];

describe('without a session', () => {
	test.each(PAGES)('%s redirects to /login', async (path) => {
		const response = await fetch(server.url + path, { redirect: 'manual' });
		expect(response.status).toBe(303);
		const location = response.headers.get('location') ?? '';
		expect(location.startsWith('/login')).toBe(true);
		if (path !== '/') expect(decodeURIComponent(location)).toBe(`/login?next=${path}`);
	});

	test('the sign-in page and health are open, with the security headers', async () => {
		const login = await fetch(`${server.url}/login`);
		expect(login.status).toBe(200);
		expect(await login.text()).toContain('name="password"');
		const csp = login.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("default-src 'self'");
		expect(login.headers.get('x-content-type-options')).toBe('nosniff');
		expect(login.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
	});

	test('a form post from another origin is refused (CSRF check on)', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
			body: new URLSearchParams({ email: TEST_ADMIN.email, password: TEST_ADMIN.password })
		});
		expect(response.status).toBe(403);
		expect(response.headers.getSetCookie()).toEqual([]);
	});
});

describe('signing in', () => {
	test('sets an HttpOnly, SameSite=Lax session cookie and opens the pages', async () => {
		const response = await postForm(server, '/login', TEST_ADMIN);
		expect(response.status).toBe(303);
		const [cookie] = response.headers.getSetCookie();
		expect(cookie).toMatch(/^keeprate_session=[\w-]{40,};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		const user = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const page = await user.get('/');
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(TEST_ADMIN.email);
	});

	test('signing out ends the session on the server, not just in the browser', async () => {
		const user = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		expect((await user.post('/logout', {})).status).toBe(303);
		const after = await user.get('/');
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/login');
	});

	test('follows only same-site paths after sign-in', async () => {
		const safe = await postForm(server, '/login?next=%2Fweekly', TEST_ADMIN);
		expect(safe.headers.get('location')).toBe('/weekly');
		const evil = await postForm(server, '/login?next=%2F%2Fevil.example', TEST_ADMIN);
		expect(evil.headers.get('location')).toBe('/');
	});

	test('more than 10 wrong passwords for one email from one client in 15 minutes answer 429, even to the right one', async () => {
		const email = 'someone@example.com';
		for (let i = 0; i < 10; i++) {
			const wrong = await postForm(server, '/login', { email, password: `wrong-${i}` });
			expect(wrong.status).toBe(400);
			expect(await wrong.text()).toContain('Wrong email or password.');
		}
		const blocked = await postForm(server, '/login', { email, password: 'wrong-again' });
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await blocked.text()).toContain('Too many failed sign-ins');
		// Another email is not affected; the throttled one stays refused.
		expect((await postForm(server, '/login', TEST_ADMIN)).status).toBe(303);
		expect((await postForm(server, '/login', { email: email.toUpperCase(), password: 'x' })).status).toBe(
			429
		);
	});

	test('a user changes their own password, knowing the current one', async () => {
		const user = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
		const next = 'another long passphrase';
		const wrong = await user.post('/account?/password', { current: 'not it', password: next, confirm: next });
		expect(wrong.status).toBe(400);
		const changed = await user.post('/account?/password', {
			current: TEST_ADMIN.password,
			password: next,
			confirm: next
		});
		expect(changed.status).toBe(200);
		expect((await postForm(server, '/login', TEST_ADMIN)).status).toBe(400);
		const again = await signInHttp(server, TEST_ADMIN.email, next);
		const back = { current: next, password: TEST_ADMIN.password, confirm: TEST_ADMIN.password };
		expect((await again.post('/account?/password', back)).status).toBe(200);
	});
});
