// Which addresses a webhook may reach (issue 12): public unicast only, IPv4 and IPv6, mapped forms too.
import { describe, expect, test } from 'vitest';
import { addressKind, ipBytes } from '../../src/lib/server/outbound/addresses';
import { refusalOf } from '../../src/lib/server/outbound';
import { settingsSchema } from '../../src/lib/schemas/settings';

describe('address rules', () => {
	test.each([
		// IPv4
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		['10.0.0.5', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.1', 'private'],
		['169.254.169.254', 'cloud metadata'],
		['169.254.170.2', 'cloud metadata'],
		['100.100.100.200', 'cloud metadata'],
		['169.254.0.1', 'link-local'],
		['100.64.0.1', 'carrier-grade NAT'],
		['100.127.255.255', 'carrier-grade NAT'],
		['0.0.0.0', 'unspecified'],
		['0.1.2.3', 'unspecified'],
		['255.255.255.255', 'broadcast'],
		['224.0.0.1', 'multicast'],
		['239.255.255.250', 'multicast'],
		['240.0.0.1', 'reserved'],
		['192.0.2.10', 'reserved'],
		['198.18.0.1', 'reserved'],
		['203.0.113.9', 'reserved'],
		// IPv6
		['::', 'unspecified'],
		['::1', 'loopback'],
		['0:0:0:0:0:0:0:1', 'loopback'],
		['fc00::1', 'private'],
		['fd12:3456::1', 'private'],
		['fd00:ec2::254', 'cloud metadata'],
		['fe80::1', 'link-local'],
		['fe80::1%eth0', 'link-local'],
		['febf::1', 'link-local'],
		['fec0::1', 'private'],
		['ff02::1', 'multicast'],
		['2001:db8::1', 'reserved'],
		['2001::1', 'reserved'],
		['100::1', 'reserved'],
		['::7f00:1', 'reserved'],
		['[::1]', 'loopback'],
		// IPv4 inside IPv6: judged by the IPv4 address
		['::ffff:127.0.0.1', 'loopback'],
		['::ffff:7f00:1', 'loopback'],
		['::ffff:10.0.0.5', 'private'],
		['::ffff:169.254.169.254', 'cloud metadata'],
		['0:0:0:0:0:ffff:a9fe:a9fe', 'cloud metadata'],
		['64:ff9b::10.0.0.1', 'private'],
		['2002:c0a8:101::1', 'private'],
		['2002:7f00:1::', 'loopback'],
		// Not an address at all
		['example.com', 'reserved'],
		['', 'reserved']
	])('%s is refused as %s', (address, kind) => {
		expect(addressKind(address)).toBe(kind);
	});

	test.each([
		'8.8.8.8',
		'1.1.1.1',
		'93.184.215.14',
		'172.15.255.255',
		'172.32.0.1',
		'100.63.255.255',
		'100.128.0.1',
		'169.253.255.255',
		'192.169.0.1',
		'2606:4700:4700::1111',
		'2a00:1450:4001:80b::200e',
		'::ffff:8.8.8.8',
		'64:ff9b::8.8.8.8',
		'2002:808:808::1'
	])('%s is public', (address) => {
		expect(addressKind(address)).toBeNull();
	});

	test('an IPv6 address with an IPv4 tail reads as the same bytes as in hex', () => {
		expect(ipBytes('::ffff:10.0.0.5')).toEqual(ipBytes('::ffff:a00:5'));
		expect(ipBytes('1:2:3:4:5:6:7:8')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
	});
});

describe('a webhook URL refused before any name is resolved', () => {
	const noHosts = { allowHosts: [] };

	test.each([
		['http://10.0.0.5/hook', '10.0.0.5 is a private address'],
		['http://127.1:5432/', '127.0.0.1 is a loopback address'],
		['http://2130706433/', '127.0.0.1 is a loopback address'],
		['http://0x7f.0.0.1/', '127.0.0.1 is a loopback address'],
		['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a cloud metadata address'],
		['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe is a cloud metadata address'],
		['http://[fe80::1]/', 'fe80::1 is a link-local address']
	])('%s is refused: %s', (url, rule) => {
		expect(refusalOf(url, noHosts)?.message).toBe(
			`${rule}; ask the operator to allow it with KEEPRATE_OUTBOUND_ALLOW_HOSTS`
		);
	});

	test('only http and https are sent to', () => {
		expect(refusalOf('ftp://example.com/x', noHosts)?.message).toBe(
			'only http and https URLs are allowed, not ftp'
		);
		expect(refusalOf('file:///etc/passwd', noHosts)?.message).toBe(
			'only http and https URLs are allowed, not file'
		);
		expect(refusalOf('https://hooks.slack.com/services/T/B/x', noHosts)).toBeNull();
	});

	test('a host the operator allows is not refused, written in any case or with a trailing dot', () => {
		expect(refusalOf('http://10.0.0.5:8080/hook', { allowHosts: ['10.0.0.5'] })).toBeNull();
		expect(refusalOf('http://[fd00::5]/hook', { allowHosts: ['[FD00::5]'] })).toBeNull();
		expect(refusalOf('http://10.0.0.6/hook', { allowHosts: ['10.0.0.5'] })).not.toBeNull();
	});
});

describe('saving a webhook URL', () => {
	test.each(['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url'])(
		'%s is refused as not an http(s) URL',
		(url) => {
			expect(settingsSchema.safeParse({ timeZone: 'UTC', digestWebhookUrl: url }).success).toBe(false);
		}
	);

	test('an http or https URL has the right shape; where it points is judged by the outbound rules', () => {
		const url = 'http://hooks.lan:8080/services/T/B/x';
		expect(settingsSchema.safeParse({ timeZone: 'UTC', digestWebhookUrl: url }).data?.digestWebhookUrl).toBe(
			url
		);
		expect(refusalOf(url, { allowHosts: [] })).toBeNull();
	});
});
