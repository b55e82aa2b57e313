// Roles and workspaces through the real server: every role against every action, and another
// workspace's data invisible (404) on every route, pages and API alike.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, TEST_ADMIN, TEST_KEY, type TestServer } from '../setup/server';
import { signInHttp, type HttpUser } from '../setup/session';

let server: TestServer;
const users: Record<string, HttpUser> = {};
const PASSWORD = 'a long enough password';
/** The other workspace's markers: none of them may show up in the default workspace. */
const HIDDEN = { project: 'zz-hidden-project', model: 'hidden-model-x', id: 'hidden-attempt-1' };
let otherKey = '';
let otherWorkspace = '';

beforeAll(async () => {
	server = await startServer();
	users.owner = await signInHttp(server, TEST_ADMIN.email, TEST_ADMIN.password);
	for (const role of ['admin', 'member', 'viewer']) {
		const added = await users.owner.post('/settings/members?/add', {
			email: `${role}@example.com`,
			role,
			password: PASSWORD
		});
		expect(added.status).toBe(200);
		users[role] = await signInHttp(server, `${role}@example.com`, PASSWORD);
	}
	// Something to review and report on in the default workspace.
	const ingest = await server.api('/api/v1/attempts', {
		method: 'POST',
		body: JSON.stringify({
			attempts: ['owner', 'admin', 'member', 'viewer'].map((who) => ({
				id: `pending-${who}`,
				project: 'visible',
				model: 'sora-2',
				durationSeconds: 4,
				resolution: '1280x720'
			}))
		})
	});
	expect(ingest.status).toBe(200);

	// The owner starts a second workspace, gives it a key and an attempt, then comes back.
	const made = await users.owner.post('/workspaces/new', { name: 'Hidden team' });
	expect(made.status).toBe(303);
	const created = await users.owner.post('/settings/keys?/create', { name: 'hidden', scope: 'both' });
	otherKey = /kr_[\w-]{32}/.exec(await created.text())?.[0] ?? '';
	expect(otherKey).not.toBe('');
	const hidden = await fetch(`${server.url}/api/v1/attempts`, {
		method: 'POST',
		headers: { authorization: `Bearer ${otherKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			id: HIDDEN.id,
			project: HIDDEN.project,
			model: HIDDEN.model,
			durationSeconds: 5,
			costUsd: 1,
			creator: 'hidden-creator'
		})
	});
	expect(hidden.status).toBe(200);
	const settings = await (await users.owner.get('/')).text();
	otherWorkspace = /value="(hidden-team[\w-]*)"/.exec(settings)?.[1] ?? '';
	expect(otherWorkspace).toMatch(/^hidden-team/);
	expect((await users.owner.post('/workspace', { workspace: 'default' })).status).toBe(303);
});
afterAll(async () => {
	await server?.stop();
});

const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
const RANK = { viewer: 0, member: 1, admin: 2, owner: 3 };

describe('every role against every action', () => {
	const pages: [string, keyof typeof RANK][] = [
		['/', 'viewer'],
		['/recommendations', 'viewer'],
		['/shots', 'viewer'],
		['/weekly', 'viewer'],
		['/projects', 'viewer'],
		['/projects/visible', 'viewer'],
		['/review', 'viewer'],
		['/settings', 'viewer'],
		['/export/attempts.csv', 'viewer'],
		['/export/weekly.csv', 'viewer'],
		['/settings/keys', 'admin'],
		['/settings/prices', 'admin'],
		['/settings/members', 'admin'],
		['/settings/audit', 'admin']
	];
	test.each(ROLES.flatMap((role) => pages.map(([path, needs]) => [role, path, needs] as const)))(
		'%s opens %s (needs %s)',
		async (role, path, needs) => {
			const response = await users[role].get(path);
			expect(response.status).toBe(RANK[role] >= RANK[needs] ? 200 : 403);
		}
	);

	// Each role acts on its own things, so one role's success does not turn into another's conflict.
	const actions: [string, (role: string) => Record<string, string>, keyof typeof RANK][] = [
		['/settings/keys?/create', () => ({ name: 'k', scope: 'read' }), 'admin'],
		[
			'/settings/members?/add',
			(role) => ({ email: `new-by-${role}@example.com`, role: 'viewer', password: PASSWORD }),
			'admin'
		],
		[
			'/settings?/addBudget',
			() => ({ project: '', period: 'week', amountUsd: '100', startsOn: '2026-11-02' }),
			'admin'
		],
		['/settings?/settings', () => ({ timeZone: 'UTC', digestWebhookUrl: '' }), 'admin'],
		['/settings/prices?/preview', () => ({}), 'admin'],
		['/review?/verdict', (role) => ({ id: `pending-${role}`, verdict: 'keep' }), 'member']
	];
	test.each(
		ROLES.flatMap((role) => actions.map(([path, form, needs]) => [role, path, needs, form] as const))
	)('%s posts %s (needs %s)', async (role, path, needs, form) => {
		const response = await users[role].post(path, form(role));
		if (RANK[role] >= RANK[needs]) expect(response.status).toBeLessThan(400);
		else expect(response.status).toBe(403);
	});

	test('only members and above load demo data; a viewer is refused', async () => {
		expect((await users.viewer.post('/?/demo', {})).status).toBe(403);
	});

	test('the audit log recorded the changes with their actors', async () => {
		const log = await (await users.owner.get('/settings/audit')).text();
		for (const action of ['member.added', 'key.created', 'budget.added', 'user.signed_in'])
			expect(log).toContain(action);
		expect(log).toContain('admin@example.com');
	});
});

describe("another workspace's data", () => {
	const routes = [
		'/',
		'/recommendations',
		'/shots',
		'/reasons',
		'/weekly',
		'/projects',
		'/review',
		'/settings',
		'/settings/keys',
		'/settings/prices',
		'/settings/members',
		'/settings/reject-reasons',
		'/settings/audit',
		'/export/attempts.csv?from=2000-01-01',
		'/export/weekly.csv?from=2000-01-01'
	];
	test.each(routes)('never shows on %s', async (path) => {
		const response = await users.owner.get(path);
		expect(response.status).toBe(200);
		const text = await response.text();
		for (const marker of Object.values(HIDDEN)) expect(text).not.toContain(marker);
		expect(text).not.toContain('hidden-creator');
	});

	test('its project report answers 404', async () => {
		expect((await users.owner.get(`/projects/${HIDDEN.project}`)).status).toBe(404);
		expect((await users.member.get(`/projects/${HIDDEN.project}`)).status).toBe(404);
	});

	test.each([
		`/api/v1/attempts/${HIDDEN.id}`,
		`/api/v1/summary?project=${HIDDEN.project}`,
		`/api/v1/weekly?project=${HIDDEN.project}`,
		`/api/v1/recommendations?project=${HIDDEN.project}`,
		`/api/v1/shots?project=${HIDDEN.project}`,
		`/api/v1/reject-reasons?project=${HIDDEN.project}`,
		`/api/v1/attempts.csv?project=${HIDDEN.project}`
	])('is not readable with this workspace’s key: %s', async (path) => {
		const response = await server.api(path);
		const text = await response.text();
		if (path.startsWith('/api/v1/attempts/')) {
			// The answer may repeat the id asked for, but nothing of the attempt itself.
			expect(response.status).toBe(404);
		} else {
			expect(response.status).toBe(200);
			expect(text).not.toContain(HIDDEN.id);
		}
		expect(text).not.toContain(HIDDEN.model);
		expect(text).not.toContain('hidden-creator');
	});

	test('its attempt cannot be given a verdict from here, by key or in the queue', async () => {
		const patch = await server.api(`/api/v1/attempts/${HIDDEN.id}`, {
			method: 'PATCH',
			body: JSON.stringify({ verdict: 'keep' })
		});
		expect(patch.status).toBe(404);
		const queue = await users.member.post('/review?/verdict', { id: HIDDEN.id, verdict: 'keep' });
		expect(queue.status).toBe(404);
		const own = await fetch(`${server.url}/api/v1/attempts/${HIDDEN.id}`, {
			headers: { authorization: `Bearer ${otherKey}` }
		});
		expect((await own.json()).verdict).toBe('pending');
	});

	test('a user who is not a member cannot switch to it', async () => {
		expect((await users.member.post('/workspace', { workspace: otherWorkspace })).status).toBe(404);
		expect(await (await users.member.get('/')).text()).not.toContain('Hidden team');
	});

	test('its key cannot be revoked from here, and keys do not cross', async () => {
		const page = await (await users.owner.get('/settings/keys')).text();
		expect(page).not.toContain('>hidden<');
		const across = await fetch(`${server.url}/api/v1/attempts/pending-owner`, {
			headers: { authorization: `Bearer ${otherKey}` }
		});
		expect(across.status).toBe(404);
		expect(TEST_KEY).not.toBe(otherKey);
	});
});

describe('API key scopes and projects, over HTTP', () => {
	async function keyFor(form: Record<string, string>, projects: string[] = []): Promise<string> {
		const body = new URLSearchParams(form);
		for (const p of projects) body.append('projects', p);
		const response = await fetch(`${server.url}/settings/keys?/create`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: server.url,
				cookie: users.owner.cookie
			},
			body
		});
		expect(response.status).toBe(200);
		return /kr_[\w-]{32}/.exec(await response.text())?.[0] ?? '';
	}
	const call = (key: string, path: string, body?: unknown) =>
		fetch(server.url + path, {
			method: body ? 'POST' : 'GET',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined
		});
	const attempt = (project: string) => ({
		id: `scoped-${project}-${Math.random()}`,
		project,
		model: 'sora-2',
		durationSeconds: 4,
		resolution: '1280x720'
	});

	test('a read key cannot ingest; an ingest key cannot read', async () => {
		const read = await keyFor({ name: 'reader', scope: 'read' });
		expect((await call(read, '/api/v1/attempts', attempt('visible'))).status).toBe(403);
		expect((await call(read, '/api/v1/summary')).status).toBe(200);
		const ingest = await keyFor({ name: 'writer', scope: 'ingest' });
		expect((await call(ingest, '/api/v1/attempts', attempt('visible'))).status).toBe(200);
		expect((await call(ingest, '/api/v1/summary')).status).toBe(403);
	});

	test('a key restricted to a project writes and reads only that project', async () => {
		const key = await keyFor({ name: 'visible only', scope: 'both' }, ['visible']);
		expect((await call(key, '/api/v1/attempts', attempt('visible'))).status).toBe(200);
		const elsewhere = await call(key, '/api/v1/attempts', attempt('elsewhere'));
		expect(elsewhere.status).toBe(403);
		expect((await elsewhere.json()).issues[0]).toMatchObject({ index: 0, path: 'project' });
		const summary = await call(key, '/api/v1/summary');
		expect(summary.status).toBe(200);
		expect((await call(key, '/api/v1/summary?project=elsewhere')).status).toBe(403);
	});
});
