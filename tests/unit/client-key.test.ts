import { expect, test } from 'vitest';
import { clientKey } from '../../src/lib/server/auth/client';

// Sign-in throttling counts per client: an IPv4 address, or the /64 network of an IPv6 address.
test.each([
	['203.0.113.7', '203.0.113.7'],
	[' 203.0.113.7 ', '203.0.113.7'],
	['::ffff:203.0.113.7', '203.0.113.7'],
	['::FFFF:203.0.113.7', '203.0.113.7'],
	['2001:db8:1:2::1', '2001:db8:1:2::/64'],
	['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
	['2001:DB8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
	['2001:db8::1', '2001:db8:0:0::/64'],
	['::1', '0:0:0:0::/64'],
	['fe80::1%eth0', 'fe80:0:0:0::/64'],
	['64:ff9b:1:2::203.0.113.7', '64:ff9b:1:2::/64'],
	['', 'unknown'],
	['not-an-address', 'not-an-address']
])('%j counts as %j', (address, key) => {
	expect(clientKey(address)).toBe(key);
});
