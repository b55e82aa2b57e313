// The first-owner and sign-in forms through the real server: what is refused is said next to its field,
// what was typed comes back, and a password never does.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../setup/server';
import { postForm } from '../setup/session';

let server: TestServer;
let token = '';
const OWNER = { email: 'first@example.com', password: 'a long first password' };

beforeAll(async () => {
	// No initial admin: the server prints the one-time setup link instead.
	server = await startServer({ env: { KEEPRATE_INIT_ADMIN_EMAIL: '', KEEPRATE_INIT_ADMIN_PASSWORD: '' } });
	for (let i = 0; i < 100 && !token; i++) {
		token = /\/setup\?token=(\S+)/.exec(server.output())?.[1] ?? '';
		if (!token) await new Promise((r) => setTimeout(r, 100));
	}
	expect(token).not.toBe('');
});

afterAll(async () => {
	await server?.stop();
});

const errorOf = (page: string, id: string) =>
	new RegExp(`<p id="${id}-error" class="field-error[^"]*">([^<]*)</p>`).exec(page)?.[1] ?? null;

describe('the first-owner form', () => {
	test('each refusal is said under its own field, the email comes back and the passwords do not', async () => {
		const secret = 'tiny-pw9';
		// Posted to the link itself, as the browser does: the page is drawn again with the refusal.
		const response = await postForm(server, `/setup?token=${token}`, {
			token,
			email: 'not an email',
			password: secret,
			confirm: `${secret}-other`
		});
		expect(response.status).toBe(400);
		const page = await response.text();
		expect(errorOf(page, 'setup-email')).toBe('Enter a valid email address.');
		expect(errorOf(page, 'setup-password')).toBe('Choose a password of at least 10 characters.');
		expect(errorOf(page, 'setup-confirm')).toBe('The two passwords differ.');
		expect(page).toMatch(/id="setup-email"[^>]*aria-invalid="true"[^>]*aria-describedby="setup-email-error"/);
		expect(page).toContain('value="not an email"');
		expect(page).not.toContain(secret);
	});

	test('a form that fits creates the owner and signs them in', async () => {
		const response = await postForm(server, `/setup?token=${token}`, {
			token,
			...OWNER,
			confirm: OWNER.password
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/');
		expect(response.headers.getSetCookie().some((c) => c.startsWith('keeprate_session='))).toBe(true);
	});
});

describe('the sign-in form', () => {
	test('a wrong password is said above the form; the email comes back, the password does not', async () => {
		const response = await postForm(server, '/login', { email: OWNER.email, password: 'not-the-password' });
		expect(response.status).toBe(400);
		const page = await response.text();
		expect(page).toContain('<p class="error" role="alert">Wrong email or password.</p>');
		expect(page).toContain(`value="${OWNER.email}"`);
		expect(page).not.toContain('not-the-password');
	});

	test('an empty form asks for both', async () => {
		const response = await postForm(server, '/login', { email: '', password: '' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Enter your email and password.');
	});
});
