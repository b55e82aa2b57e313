// Account security through the real server (issue 12): sign-in throttling per email and client and per
// client, sessions ended by a password change or "Sign out everywhere", and sign-in while the database
// is unavailable. The server reads the client's address from X-Forwarded-For, as behind a proxy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cuttableProxy } from '../setup/proxy';
import { freshPostgresDatabase, startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { asUser, type HttpUser } from '../setup/session';

let server: TestServer;

beforeAll(async () => {
	server = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
});
afterAll(async () => {
	await server?.stop();
});

/** A sign-in form post from one client address. */
function signInFrom(address: string, email: string, password: string, target = server) {
	return fetch(`${target.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: target.url,
			'x-forwarded-for': address
		},
		body: new URLSearchParams({ email, password })
	});
}

async function userFrom(address: string, password = TEST_ADMIN.password): Promise<HttpUser> {
	const response = await signInFrom(address, TEST_ADMIN.email, password);
	expect(response.status).toBe(303);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return asUser(server, cookie);
}

describe('sign-in throttling', () => {
	test('eleven wrong passwords from a stranger do not lock the owner out', async () => {
		const stranger = '203.0.113.7';
		for (let i = 0; i < 10; i++) {
			const wrong = await signInFrom(stranger, TEST_ADMIN.email, `guess-${i}`);
			expect(wrong.status).toBe(400);
		}
		const eleventh = await signInFrom(stranger, TEST_ADMIN.email, 'guess-10');
		expect(eleventh.status).toBe(429);
		// The stranger stays refused for this email, even with the right password...
		expect((await signInFrom(stranger, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(429);
		// ...while the owner, on their own network, signs in.
		expect((await signInFrom('198.51.100.20', TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
	});

	test('the refusal says for how long, in Retry-After and on the sign-in page', async () => {
		const client = '203.0.113.8';
		for (let i = 0; i < 10; i++) await signInFrom(client, 'someone@example.com', `wrong-${i}`);
		const blocked = await signInFrom(client, 'SOMEONE@example.com', 'wrong-again');
		expect(blocked.status).toBe(429);
		const retryAfter = Number(blocked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(800);
		expect(retryAfter).toBeLessThanOrEqual(900);
		const page = await blocked.text();
		expect(page).toContain('Too many failed sign-ins for someone@example.com from your network.');
		expect(page).toContain('Try again in 15 minutes.');
		expect(page).toContain('role="alert"');
	});

	test('one client trying many emails is refused after 20 failures, for every email', async () => {
		const sprayer = '203.0.113.9';
		for (let i = 0; i < 20; i++) {
			expect((await signInFrom(sprayer, `user-${i}@example.com`, 'Winter2026!')).status).toBe(400);
		}
		const next = await signInFrom(sprayer, 'user-20@example.com', 'Winter2026!');
		expect(next.status).toBe(429);
		expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await next.text()).toContain('Too many failed sign-ins from your network, with several emails.');
		expect((await signInFrom(sprayer, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(429);
		expect((await signInFrom('198.51.100.21', 'user-20@example.com', 'Winter2026!')).status).toBe(400);
	});

	test('addresses of one IPv6 /64 network count as one client', async () => {
		for (let i = 0; i < 10; i++) await signInFrom(`2001:db8:7:7::${i + 1}`, TEST_ADMIN.email, `guess-${i}`);
		expect((await signInFrom('2001:db8:7:7::ffff', TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(429);
		expect((await signInFrom('2001:db8:7:8::1', TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
	});

	test("a right password forgets that client's earlier typos", async () => {
		const owner = '198.51.100.22';
		for (let i = 0; i < 9; i++) await signInFrom(owner, TEST_ADMIN.email, `typo-${i}`);
		expect((await signInFrom(owner, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
		for (let i = 0; i < 9; i++) {
			expect((await signInFrom(owner, TEST_ADMIN.email, `typo-again-${i}`)).status).toBe(400);
		}
	});
});

describe('sessions', () => {
	test('changing the password signs out every other browser, and keeps this one', async () => {
		const laptop = await userFrom('198.51.100.30');
		const phone = await userFrom('198.51.100.31');
		const next = 'another long passphrase';
		const changed = await laptop.post('/account?/password', {
			current: TEST_ADMIN.password,
			password: next,
			confirm: next
		});
		expect(changed.status).toBe(200);
		expect((await laptop.get('/')).status).toBe(200);
		const signedOut = await phone.get('/');
		expect(signedOut.status).toBe(303);
		expect(signedOut.headers.get('location')).toBe('/login');
		const back = { current: next, password: TEST_ADMIN.password, confirm: TEST_ADMIN.password };
		expect((await laptop.post('/account?/password', back)).status).toBe(200);
	});

	test('"Sign out everywhere" ends every session, this one included', async () => {
		const laptop = await userFrom('198.51.100.32');
		const phone = await userFrom('198.51.100.33');
		const account = await (await laptop.get('/account')).text();
		expect(account).toMatch(/You are signed in on this browser and \d+ others?\./);
		expect(account).toContain('this one included');
		const out = await laptop.post('/account?/everywhere', {});
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login?signed-out=everywhere');
		expect(out.headers.getSetCookie().join()).toMatch(/keeprate_session=;.*Max-Age=0/i);
		for (const user of [laptop, phone]) {
			const after = await user.get('/');
			expect(after.status).toBe(303);
			expect(after.headers.get('location')).toBe('/login');
		}
		const login = await (await fetch(`${server.url}/login?signed-out=everywhere`)).text();
		expect(login).toContain('You are signed out on every browser and device.');
	});
});

describe('sign-in while the database is unavailable', () => {
	const expectUnavailable = async (response: Response) => {
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('30');
		const page = await response.text();
		expect(page).toContain('The database is unavailable right now, so signing in is not possible.');
		expect(page).toContain('Try again in a minute.');
	};

	test('a server started while the database is unreachable shows a 503 page that says so', async () => {
		const down = await startServer({
			env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/keeprate' },
			healthy: false
		});
		try {
			await expectUnavailable(await signInFrom('198.51.100.40', TEST_ADMIN.email, 'anything at all', down));
		} finally {
			await down.stop();
		}
	});

	// A database lost while running: PostgreSQL only (an embedded database cannot go away).
	test.runIf(Boolean(process.env.DATABASE_URL))(
		'a PostgreSQL server lost while running: sign-in shows the 503 page, not an error',
		async () => {
			const pg = await freshPostgresDatabase(process.env.DATABASE_URL!);
			// keeprate reaches the database through this proxy, which the test then cuts.
			const proxy = await cuttableProxy(pg.url);
			const own = await startServer({ env: { DATABASE_URL: proxy.url } });
			try {
				const up = await signInFrom('198.51.100.41', TEST_ADMIN.email, TEST_ADMIN.password, own);
				expect(up.status).toBe(303);
				await proxy.cut();
				await expectUnavailable(
					await signInFrom('198.51.100.41', TEST_ADMIN.email, TEST_ADMIN.password, own)
				);
			} finally {
				await own.stop();
				await pg.drop();
			}
		}
	);
});
