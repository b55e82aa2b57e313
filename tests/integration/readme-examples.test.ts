// The README's API examples, run as written against a real server: a newcomer who pastes them in order
// sees their attempt in the summary (the summary example once asked for October about an attempt dated
// November, and answered empty lists).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../setup/server';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Curl {
	method: string;
	path: string;
	body?: string;
}

/** Every `curl` in the README's sh blocks: method, path on the server, and `-d` body. */
function curls(): Curl[] {
	const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
	const found: Curl[] = [];
	for (const block of blocks) {
		for (const command of block.split(/\n(?=curl )/)) {
			if (!command.startsWith('curl ')) continue;
			const url = /"?(http:\/\/localhost:3000[^\s"]+)"?/.exec(command)?.[1];
			if (!url) continue;
			const body = /-d '([\s\S]*?)'/.exec(command)?.[1];
			const method = /-X ([A-Z]+)/.exec(command)?.[1] ?? (body ? 'POST' : 'GET');
			found.push({ method, path: url.slice('http://localhost:3000'.length), body });
		}
	}
	return found;
}

const example = (method: string, prefix: string) => {
	const curl = curls().find((c) => c.method === method && c.path.startsWith(prefix));
	if (!curl) throw new Error(`the README has no ${method} ${prefix} example`);
	return curl;
};

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

test("the README's examples, pasted in order, show the logged attempt in the summary", async () => {
	const post = example('POST', '/api/v1/attempts');
	const sent = JSON.parse(post.body!) as { id: string; project: string; model: string };
	const stored = await server.api(post.path, { method: 'POST', body: post.body });
	expect(stored.status).toBe(200);
	expect(await stored.json()).toEqual({ accepted: 1, duplicates: 0, updated: 0 });

	const summary = example('GET', '/api/v1/summary');
	expect(summary.path).toContain(`project=${sent.project}`);
	const answer = await server.api(summary.path);
	expect(answer.status).toBe(200);
	const { models } = (await answer.json()) as { models: { model: string; attempts: number; kept: number }[] };
	expect(models).toEqual([expect.objectContaining({ model: sent.model, attempts: 1, kept: 1 })]);

	const patch = example('PATCH', `/api/v1/attempts/${sent.id}`);
	const changed = await server.api(patch.path, { method: 'PATCH', body: patch.body });
	expect(changed.status).toBe(200);
	const read = await server.api(`/api/v1/attempts/${sent.id}`);
	expect(await read.json()).toMatchObject({ id: sent.id, verdict: 'reject' });
});
