// The app is built from its sources when they changed since the last build (content, not time): `npm start`
// and the test runs share this, so neither rebuilds an app that is current. build/.sources holds the
// fingerprint of the sources the build was made from.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the build is made from. */
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

/** @param {string} path @param {string[]} out */
function walk(path, out) {
	if (!existsSync(path)) return out;
	if (statSync(path).isDirectory()) {
		for (const name of readdirSync(path).sort()) walk(join(path, name), out);
	} else out.push(path);
	return out;
}

/** A hash of every source file's path and content under `root`. @param {string} root */
export function sourceFingerprint(root) {
	const hash = createHash('sha256');
	for (const file of SOURCES.flatMap((s) => walk(join(root, s), []))) {
		hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
	}
	return hash.digest('hex');
}

/** Why the app in `root` must be built, or null when its build is current. @param {string} root */
export function buildNeeded(root) {
	if (!existsSync(join(root, 'build', 'index.js'))) return 'there is no build yet';
	const stamp = join(root, 'build', '.sources');
	if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sourceFingerprint(root))
		return 'its sources changed since the last build';
	return null;
}

/**
 * Runs `vite build` in `root` and records the sources' fingerprint. Resolves with the build's output;
 * rejects with it when the build fails.
 * @param {string} root
 * @returns {Promise<string>}
 */
export function buildApp(root) {
	const fingerprint = sourceFingerprint(root);
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [vite, 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) => reject(Object.assign(error, { output })));
		child.on('close', (code) => {
			if (code !== 0)
				return reject(Object.assign(new Error(`the build failed (exit code ${code})`), { output }));
			writeFileSync(join(root, 'build', '.sources'), fingerprint);
			resolve(output);
		});
	});
}
