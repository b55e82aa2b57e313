// The client address that sign-in throttling counts against. It comes from adapter-node's
// getClientAddress (the socket's peer, or ADDRESS_HEADER / XFF_DEPTH behind a proxy).
import { isIPv4, isIPv6 } from 'node:net';

/**
 * One key per client: an IPv4 address as is, and an IPv6 address as its /64 network, since one
 * subscriber usually holds a whole /64 and could otherwise take a fresh address for every try.
 */
export function clientKey(address: string): string {
	const a = address.trim().toLowerCase().replace(/%.*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
	if (mapped && isIPv4(mapped[1])) return mapped[1];
	if (isIPv4(a)) return a;
	if (isIPv6(a)) return `${hextets(a).slice(0, 4).join(':')}::/64`;
	return a.slice(0, 100) || 'unknown';
}

/** The eight groups of an IPv6 address, without leading zeros. */
function hextets(address: string): string[] {
	const groups = (part: string) =>
		part === ''
			? []
			: part.split(':').flatMap((g) => {
					if (!g.includes('.')) return [g];
					const [a, b, c, d] = g.split('.').map(Number);
					return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
				});
	const [head, tail] = address.split('::');
	const left = groups(head);
	const right = tail === undefined ? [] : groups(tail);
	const zeros = Array<string>(8 - left.length - right.length).fill('0');
	return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
