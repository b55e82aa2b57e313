// Issue 12: the digest webhook may not be pointed at the server's own network. A real receiver listens
// on 127.0.0.1; every test checks what reached it, not only what the page would say.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createServer, type RequestListener, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/connection';
import { digests } from '../../src/lib/server/db/schema';
import { sendDigest } from '../../src/lib/server/digest';
import { outboundRequest, OutboundFailed } from '../../src/lib/server/outbound';
import { updateWorkspaceSettings } from '../../src/lib/server/workspaces';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
const received: { url?: string; body: string }[] = [];
let receiver: Server;
let redirector: Server;
let port: number;
let redirectPort: number;
let answer: RequestListener = (_req, res) => res.writeHead(200).end('ok');

const listen = async (handler: RequestListener) => {
	const server = createServer(handler);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return { server, port: (server.address() as { port: number }).port };
};

beforeAll(async () => {
	database = await testDatabase();
	({ server: receiver, port } = await listen((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ url: req.url, body });
			answer(req, res);
		});
	}));
	({ server: redirector, port: redirectPort } = await listen((_req, res) =>
		res.writeHead(307, { location: `http://127.0.0.1:${port}/hook` }).end()
	));
});

afterEach(() => {
	received.length = 0;
	answer = (_req, res) => res.writeHead(200).end('ok');
	vi.unstubAllEnvs();
});

afterAll(async () => {
	await new Promise((r) => receiver.close(r));
	await new Promise((r) => redirector.close(r));
	await database.close();
});

/** A workspace whose digest goes to `url`, sent once with no retries. */
async function send(url: string, outbound = {}) {
	const ws = await freshWorkspace(database);
	await updateWorkspaceSettings(database.db, ws, { digestWebhookUrl: url });
	const result = await sendDigest(database.db, ws, '2026-W48', { baseUrl: 'x', retryDelays: [], outbound });
	const [state] = await database.db.select().from(digests).where(eq(digests.workspaceId, ws));
	return { result, lastError: state?.lastError };
}

// A resolver standing in for DNS: public-looking names that answer with the receiver's address.
const resolvesTo = (address: string) => async (): Promise<{ address: string; family: number }[]> => [
	{ address, family: 4 }
];

describe('the digest webhook reaches public addresses only', () => {
	test('a webhook at 127.0.0.1 is refused and nothing is sent', async () => {
		vi.stubEnv('KEEPRATE_OUTBOUND_ALLOW_HOSTS', '');
		const { result, lastError } = await send(`http://127.0.0.1:${port}/hook`);
		const error =
			'webhook refused: 127.0.0.1 is a loopback address; ask the operator to allow it with KEEPRATE_OUTBOUND_ALLOW_HOSTS';
		expect(result).toEqual({ sent: false, tries: 1, error });
		expect(lastError).toBe(error);
		expect(received).toEqual([]);
	});

	test('a webhook at 169.254.169.254 is refused and nothing is sent', async () => {
		vi.stubEnv('KEEPRATE_OUTBOUND_ALLOW_HOSTS', '');
		const resolve = vi.fn(resolvesTo('169.254.169.254'));
		const { result } = await send('http://169.254.169.254/latest/meta-data/', { resolve });
		expect(result).toEqual({
			sent: false,
			tries: 1,
			error:
				'webhook refused: 169.254.169.254 is a cloud metadata address; ask the operator to allow it with KEEPRATE_OUTBOUND_ALLOW_HOSTS'
		});
		expect(resolve).not.toHaveBeenCalled();
	});

	test('a webhook on a host the operator allows with KEEPRATE_OUTBOUND_ALLOW_HOSTS is sent', async () => {
		vi.stubEnv('KEEPRATE_OUTBOUND_ALLOW_HOSTS', 'slack.lan, 127.0.0.1');
		const { result } = await send(`http://127.0.0.1:${port}/hook`);
		expect(result).toEqual({ sent: true, tries: 1 });
		expect(received).toHaveLength(1);
		expect(received[0].url).toBe('/hook');
		expect(JSON.parse(received[0].body).text).toContain('keeprate weekly review 2026-W48');
	});

	test('a public-looking host name that resolves to a private address is refused and nothing is sent', async () => {
		const { result } = await send(`http://hooks.example.com:${port}/hook`, {
			allowHosts: [],
			resolve: resolvesTo('127.0.0.1')
		});
		expect(result).toMatchObject({
			sent: false,
			error:
				'webhook refused: hooks.example.com resolves to a loopback address; ask the operator to allow it with KEEPRATE_OUTBOUND_ALLOW_HOSTS'
		});
		expect(received).toEqual([]);
	});

	test('a webhook at localhost is refused and nothing is sent', async () => {
		const { result } = await send(`http://localhost:${port}/hook`, { allowHosts: [] });
		expect(result).toMatchObject({
			sent: false,
			error: expect.stringContaining('localhost resolves to a loopback address')
		});
		expect(received).toEqual([]);
	});

	test('a host name with one private address among public ones is refused', async () => {
		const resolve = async () => [
			{ address: '93.184.215.14', family: 4 },
			{ address: '10.0.0.5', family: 4 }
		];
		const { result } = await send(`http://hooks.example.com:${port}/hook`, { allowHosts: [], resolve });
		expect(result).toMatchObject({
			sent: false,
			error: expect.stringContaining('resolves to a private address')
		});
		expect(received).toEqual([]);
	});

	test('an allowed host name is reached at the address its one lookup gave', async () => {
		const resolve = vi.fn(resolvesTo('127.0.0.1'));
		const { result } = await send(`http://slack.lan:${port}/hook`, { allowHosts: ['slack.lan'], resolve });
		expect(result).toEqual({ sent: true, tries: 1 });
		expect(resolve).toHaveBeenCalledTimes(1);
		expect(received).toHaveLength(1);
	});

	test('a redirect from an allowed server to 127.0.0.1 is not followed', async () => {
		const { result } = await send(`http://slack.lan:${redirectPort}/hook`, {
			allowHosts: ['slack.lan'],
			resolve: resolvesTo('127.0.0.1')
		});
		expect(result).toEqual({
			sent: false,
			tries: 1,
			error: 'the webhook answered 307, a redirect, which is not followed'
		});
		expect(received).toEqual([]);
	});
});

describe('what the page says about an allowed webhook', () => {
	test('a webhook that answers 404 shows the status, never the page it answered with', async () => {
		answer = (_req, res) => res.writeHead(404).end('internal admin console: db password hunter2');
		const { result, lastError } = await send(`http://127.0.0.1:${port}/hook`, { allowHosts: ['127.0.0.1'] });
		expect(result).toEqual({ sent: false, tries: 1, error: 'the webhook answered 404' });
		expect(lastError).toBe('the webhook answered 404');
	});

	test('a webhook nobody listens on could not be reached, without the reason', async () => {
		const { server, port: closed } = await listen(() => {});
		await new Promise((r) => server.close(r));
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { result } = await send(`http://127.0.0.1:${closed}/hook`, { allowHosts: ['127.0.0.1'] });
		expect(result).toEqual({ sent: false, tries: 1, error: 'the webhook could not be reached' });
		expect(warn.mock.calls[0][0]).toContain('ECONNREFUSED');
		warn.mockRestore();
	});

	test('a webhook that never answers is given up after the timeout', async () => {
		answer = () => {};
		const started = Date.now();
		const request = outboundRequest(
			`http://127.0.0.1:${port}/hook`,
			{ body: '{}' },
			{ allowHosts: ['127.0.0.1'], timeoutMs: 300 }
		);
		await expect(request).rejects.toThrow(new OutboundFailed('no answer in time'));
		expect(Date.now() - started).toBeLessThan(3000);
	});

	test('no more of a long answer is read than the cap', async () => {
		answer = (_req, res) => res.writeHead(200).end('x'.repeat(1_000_000));
		const response = await outboundRequest(
			`http://127.0.0.1:${port}/hook`,
			{ body: '{}' },
			{ allowHosts: ['127.0.0.1'], maxBytes: 1000 }
		);
		expect(response.status).toBe(200);
		expect(response.body.length).toBe(1000);
		expect(response.truncated).toBe(true);
	});
});
