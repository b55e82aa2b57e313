// Which IP addresses keeprate may send requests to: public unicast only. Ranges follow the IANA
// special-purpose registries; the first matching row names the rule in the refusal. An address that
// carries an IPv4 address inside IPv6 (mapped, NAT64, 6to4) is judged by that IPv4 address.
import { isIP } from 'node:net';

export type AddressKind =
	| 'unspecified'
	| 'loopback'
	| 'private'
	| 'link-local'
	| 'carrier-grade NAT'
	| 'cloud metadata'
	| 'multicast'
	| 'broadcast'
	| 'reserved';

const ipv4Rules: [string, number, AddressKind][] = [
	['169.254.169.254', 32, 'cloud metadata'], // AWS, GCP, Azure, OpenStack, DigitalOcean ...
	['169.254.170.2', 32, 'cloud metadata'], // AWS ECS task metadata
	['100.100.100.200', 32, 'cloud metadata'], // Alibaba Cloud
	['0.0.0.0', 8, 'unspecified'],
	['10.0.0.0', 8, 'private'],
	['100.64.0.0', 10, 'carrier-grade NAT'],
	['127.0.0.0', 8, 'loopback'],
	['169.254.0.0', 16, 'link-local'],
	['172.16.0.0', 12, 'private'],
	['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
	['192.0.2.0', 24, 'reserved'], // documentation
	['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
	['192.168.0.0', 16, 'private'],
	['198.18.0.0', 15, 'reserved'], // benchmarking
	['198.51.100.0', 24, 'reserved'], // documentation
	['203.0.113.0', 24, 'reserved'], // documentation
	['224.0.0.0', 4, 'multicast'],
	['255.255.255.255', 32, 'broadcast'],
	['240.0.0.0', 4, 'reserved']
];

const ipv6Rules: [string, number, AddressKind][] = [
	['::', 128, 'unspecified'],
	['::1', 128, 'loopback'],
	['fd00:ec2::254', 128, 'cloud metadata'], // AWS over IPv6
	['fc00::', 7, 'private'], // unique local
	['fe80::', 10, 'link-local'],
	['fec0::', 10, 'private'], // site-local, deprecated
	['ff00::', 8, 'multicast'],
	['2001:db8::', 32, 'reserved'], // documentation
	['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo
	['3fff::', 20, 'reserved'] // documentation
];

// Where an IPv6 address carries an IPv4 address, and at which byte it starts.
const embeddedIpv4: [string, number, number][] = [
	['::ffff:0:0', 96, 12], // IPv4-mapped
	['64:ff9b::', 96, 12], // NAT64
	['2002::', 16, 2] // 6to4
];

/** The 4 or 16 bytes of an IP address, or null when the text is not one. */
export function ipBytes(text: string): number[] | null {
	const ip = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
	const version = isIP(ip);
	if (version === 4) return ip.split('.').map(Number);
	if (version !== 6) return null;
	// A dotted IPv4 tail (::ffff:10.0.0.5) becomes two groups of hex.
	const full = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, ...parts: string[]) => {
		const [a, b, c, d] = parts.map(Number);
		return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	});
	const [left, right] = full.split('::');
	const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
	const head = groups(left);
	const tail = groups(right);
	const words = [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail];
	return words.flatMap((w) => [w >> 8, w & 0xff]);
}

const prefixOf = ([ip, bits]: [string, number, ...unknown[]]) => ({ bytes: ipBytes(ip)!, bits });

function inPrefix(bytes: number[], prefix: { bytes: number[]; bits: number }): boolean {
	for (let i = 0; i < prefix.bits; i++) {
		const mask = 0x80 >> (i & 7);
		if ((bytes[i >> 3] & mask) !== (prefix.bytes[i >> 3] & mask)) return false;
	}
	return true;
}

const v4 = ipv4Rules.map((rule) => ({ ...prefixOf(rule), kind: rule[2] }));
const v6 = ipv6Rules.map((rule) => ({ ...prefixOf(rule), kind: rule[2] }));
const carriers = embeddedIpv4.map((rule) => ({ ...prefixOf(rule), at: rule[2] }));
const globalUnicast = { bytes: ipBytes('2000::')!, bits: 3 };

/** Why an address may not be reached, or null for a public address. Anything unparsable is reserved. */
export function addressKind(address: string): AddressKind | null {
	const bytes = ipBytes(address);
	if (!bytes) return 'reserved';
	if (bytes.length === 4) return v4.find((r) => inPrefix(bytes, r))?.kind ?? null;
	const carrier = carriers.find((c) => inPrefix(bytes, c));
	if (carrier) return addressKind(bytes.slice(carrier.at, carrier.at + 4).join('.'));
	const rule = v6.find((r) => inPrefix(bytes, r));
	if (rule) return rule.kind;
	// Outside 2000::/3 nothing is assigned for public use (IPv4-compatible ::a.b.c.d included).
	return inPrefix(bytes, globalUnicast) ? null : 'reserved';
}

const articles: Record<AddressKind, string> = {
	unspecified: 'an unspecified address',
	loopback: 'a loopback address',
	private: 'a private address',
	'link-local': 'a link-local address',
	'carrier-grade NAT': 'a carrier-grade NAT address',
	'cloud metadata': 'a cloud metadata address',
	multicast: 'a multicast address',
	broadcast: 'the broadcast address',
	reserved: 'a reserved address'
};

export const describeKind = (kind: AddressKind) => articles[kind];
