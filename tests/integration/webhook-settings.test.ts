// Issue 12 through the real server: a signed-in user who owns a workspace of their own points its
// digest webhook at the server's network; the settings page names the rule and nothing is sent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp, type HttpUser } from '../setup/session';

let server: TestServer;
let user: HttpUser;
let receiver: Server;
let port: number;
const received: string[] = [];
const RULE = 'ask the operator to allow it with KEEPRATE_OUTBOUND_ALLOW_HOSTS';

beforeAll(async () => {
	receiver = createServer((req, res) => {
		received.push(req.url ?? '');
		res.writeHead(200).end('ok');
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	port = (receiver.address() as { port: number }).port;
	server = await startServer();
	const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	const added = await owner.post('/settings/members?/add', {
		email: 'someone@example.com',
		role: 'member',
		password: 'a long enough password'
	});
	expect(added.status).toBe(200);
	user = await signInHttp(server, 'someone@example.com', 'a long enough password');
	expect((await user.post('/workspaces/new', { name: 'My own team' })).status).toBe(303);
});

afterAll(async () => {
	await server?.stop();
	await new Promise((r) => receiver.close(r));
});

describe('the settings page and the digest webhook', () => {
	test('a webhook at 169.254.169.254 is not saved, and the page says why', async () => {
		const response = await user.post('/settings?/settings', {
			timeZone: 'UTC',
			digestWebhookUrl: 'http://169.254.169.254/latest/meta-data/'
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(
			`Webhook URL is refused: 169.254.169.254 is a cloud metadata address; ${RULE}`
		);
	});

	test('a webhook at localhost is refused when the digest is sent, and nothing reaches it', async () => {
		const saved = await user.post('/settings?/settings', {
			timeZone: 'UTC',
			digestWebhookUrl: `http://localhost:${port}/hook`
		});
		expect(saved.status).toBe(200);
		const page = await (await user.post('/settings?/sendDigest', {})).text();
		expect(page).toContain(`webhook refused: localhost resolves to a loopback address; ${RULE}`);
		expect(page).not.toContain('answered');
		expect(received).toEqual([]);
	});
});
