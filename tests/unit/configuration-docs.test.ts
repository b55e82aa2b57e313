// Every environment variable the app and its scripts read is in the README's Configuration table, and the
// table names nothing the code does not read (adapter-node's own variables excepted): a setting that is
// read but undocumented is how prompts once left the server unannounced.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** adapter-node reads these itself (see its README); keeprate documents them but does not read them. */
const ADAPTER_NODE = [
	'HOST',
	'HOST_HEADER',
	'ADDRESS_HEADER',
	'XFF_DEPTH',
	'SHUTDOWN_TIMEOUT',
	'IDLE_TIMEOUT'
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

function readByCode(): Set<string> {
	// The benchmarks' own switches are documented with the benchmarks (README, Performance).
	const sources = [...files(join(root, 'src')), ...files(join(root, 'scripts'))].filter(
		(path) => !/scripts\/bench/.test(path)
	);
	const names = new Set<string>();
	for (const path of sources) {
		for (const m of readFileSync(path, 'utf8').matchAll(/\b(?:process\.env|env)\.([A-Z][A-Z0-9_]+)/g))
			names.add(m[1]);
	}
	return names;
}

function documented(): Set<string> {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const section = readme.split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
	const names = new Set<string>();
	for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
		const first = line.split('|')[1];
		for (const m of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(m[1]);
	}
	return names;
}

test('every environment variable the code reads is in the README configuration table', () => {
	const table = documented();
	const missing = [...readByCode()].filter((name) => !table.has(name)).sort();
	expect(missing).toEqual([]);
});

test('the README configuration table names only variables something reads', () => {
	const code = readByCode();
	const stale = [...documented()].filter((name) => !code.has(name) && !ADAPTER_NODE.includes(name)).sort();
	expect(stale).toEqual([]);
});
