// Signing in: throttled per email, the same work for an unknown email as for a wrong password.
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/connection';
import { audit } from '../audit';
import { verifyPassword } from './passwords';
import { createSession, SESSION_COOKIE } from './sessions';
import { recordFailure, retryAfterSeconds } from './throttle';
import { findUserByEmail, normalizeEmail, workspacesOf } from './users';

// A real scrypt hash of a random password: checking it costs what checking a real user's does.
const DUMMY = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export type SignInResult =
	| { ok: true; workspaceId: string }
	| { ok: false; status: 400 | 403 | 429; message: string; retryAfter?: number };

export async function signIn(
	db: Db,
	cookies: Cookies,
	secure: boolean,
	emailInput: string,
	password: string
): Promise<SignInResult> {
	const email = normalizeEmail(emailInput);
	const wait = await retryAfterSeconds(db, email);
	if (wait > 0) {
		const minutes = Math.ceil(wait / 60);
		return {
			ok: false,
			status: 429,
			retryAfter: wait,
			message: `Too many failed sign-ins for ${email}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
		};
	}
	const user = await findUserByEmail(db, email);
	const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY);
	if (!user || !valid) {
		await recordFailure(db, email);
		return { ok: false, status: 400, message: 'Wrong email or password.' };
	}
	const [first] = await workspacesOf(db, user.id);
	if (!first)
		return { ok: false, status: 403, message: 'This account belongs to no workspace yet: ask an admin.' };
	const session = await createSession(db, user.id, first.id);
	cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: session.expiresAt
	});
	await audit(db, first.id, user.email, 'user.signed_in');
	return { ok: true, workspaceId: first.id };
}

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
