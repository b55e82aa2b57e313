// Signing in: throttled per email and client and per client (throttle.ts), the same work for an
// unknown email as for a wrong password.
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/connection';
import { audit } from '../audit';
import { verifyPassword } from './passwords';
import { createSession, SESSION_COOKIE } from './sessions';
import { checkThrottle, clearFailures, recordFailure, type Throttle } from './throttle';
import { findUserByEmail, normalizeEmail, workspacesOf } from './users';

// A real scrypt hash of a random password: checking it costs what checking a real user's does.
const DUMMY = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export type SignInResult =
	| { ok: true; workspaceId: string }
	| { ok: false; status: 400 | 403 | 429; message: string; retryAfter?: number };

export interface SignInRequest {
	cookies: Cookies;
	/** Whether the page was served over https (the cookie's Secure flag). */
	secure: boolean;
	/** The client's throttling key (clientKey of getClientAddress). */
	client: string;
}

export async function signIn(
	db: Db,
	request: SignInRequest,
	emailInput: string,
	password: string
): Promise<SignInResult> {
	const email = normalizeEmail(emailInput);
	const throttle = await checkThrottle(db, email, request.client);
	if (throttle)
		return { ok: false, status: 429, retryAfter: throttle.retryAfter, message: tooMany(throttle, email) };
	const user = await findUserByEmail(db, email);
	const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY);
	if (!user || !valid) {
		await recordFailure(db, email, request.client);
		return { ok: false, status: 400, message: 'Wrong email or password.' };
	}
	await clearFailures(db, email, request.client);
	const [first] = await workspacesOf(db, user.id);
	if (!first)
		return { ok: false, status: 403, message: 'This account belongs to no workspace yet: ask an admin.' };
	const session = await createSession(db, user.id, first.id);
	request.cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: request.secure,
		expires: session.expiresAt
	});
	await audit(db, first.id, user.email, 'user.signed_in');
	return { ok: true, workspaceId: first.id };
}

function tooMany(throttle: Throttle, email: string): string {
	const minutes = Math.ceil(throttle.retryAfter / 60);
	const wait = `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
	return throttle.scope === 'email'
		? `Too many failed sign-ins for ${email} from your network. ${wait}.`
		: `Too many failed sign-ins from your network, with several emails. ${wait}.`;
}

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
