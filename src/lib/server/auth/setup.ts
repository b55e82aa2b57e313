// While no user exists, the start log prints a one-time link to create the first owner.
import { randomBytes, timingSafeEqual } from 'node:crypto';

let token: string | undefined;

export function newSetupToken(): string {
	token = randomBytes(24).toString('base64url');
	return token;
}

export function checkSetupToken(candidate: string | null): boolean {
	if (!token || !candidate || candidate.length !== token.length) return false;
	return timingSafeEqual(Buffer.from(candidate), Buffer.from(token));
}

/** Used once: the first owner exists now. */
export function spendSetupToken(): void {
	token = undefined;
}
