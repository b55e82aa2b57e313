// Settings says whether prompts leave the server, as the operator configured it: an OPENAI_API_KEY in the
// environment alone keeps them here; KEEPRATE_TAG_LLM=openai with a key sends them, and the page says where.
import { afterEach, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, type TestServer } from '../setup/server';
import { signInHttp } from '../setup/session';

let server: TestServer | undefined;
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

async function settingsPage(env: Record<string, string>): Promise<string> {
	server = await startServer({ env });
	const owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	const response = await owner.get('/settings');
	expect(response.status).toBe(200);
	return response.text();
}

test('with only an OPENAI_API_KEY set, Settings says prompts stay on this server', async () => {
	const html = await settingsPage({ OPENAI_API_KEY: 'sk-test', KEEPRATE_TAG_LLM: '' });
	expect(html).toContain('data-prompts="kept"');
	expect(html).toContain('Prompts stay on this server.');
	expect(html).not.toContain('data-prompts="sent"');
});

test('with KEEPRATE_TAG_LLM=openai and a key, Settings says prompts are sent, and to which host', async () => {
	const html = await settingsPage({
		KEEPRATE_TAG_LLM: 'openai',
		OPENAI_API_KEY: 'sk-test',
		OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
		KEEPRATE_TAG_MODEL: 'local-tagger'
	});
	expect(html).toContain('data-prompts="sent"');
	expect(html).toMatch(/Prompts leave this server:[\s\S]*<code>127\.0\.0\.1:9<\/code> \(local-tagger\)/);
	expect(html).not.toContain('sk-test');
});
