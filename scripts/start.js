// `npm start`: build the app when its sources changed since the last build (or with `--rebuild`), then run it.
// The build's output is shown only when it fails, so the API key and setup link are the first lines a
// newcomer reads. `npm start -- --demo` loads six weeks of demo data into an empty workspace. Settings are
// environment variables (README, Configuration).
import { fileURLToPath } from 'node:url';
import { buildApp, buildNeeded } from './build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const why = process.argv.includes('--rebuild') ? 'asked with --rebuild' : buildNeeded(root);
if (why) {
	const started = Date.now();
	const seconds = () => Math.round((Date.now() - started) / 1000);
	const tty = process.stdout.isTTY;
	console.log(`[keeprate] building the app (${why}); this takes about a minute...`);
	// On a terminal, one line that counts the seconds; in a log, nothing until the build ends.
	const ticker = tty
		? setInterval(() => process.stdout.write(`\r[keeprate] building: ${seconds()} s`), 1000)
		: undefined;
	try {
		await buildApp(root);
	} catch (error) {
		const failed = /** @type {Error & { output?: string }} */ (error);
		console.error(failed.output ?? '');
		console.error(`[keeprate] ${failed.message}; its output is above.`);
		process.exit(1);
	} finally {
		clearInterval(ticker);
		if (tty) process.stdout.write('\n');
	}
	console.log(`[keeprate] built in ${seconds()} s`);
}

if (process.argv.includes('--demo')) process.env.KEEPRATE_DEMO = '1';
// Sized for imports (POST /api/v1/imports streams files of hundreds of MB). Every other route bounds its
// own body: the JSON API at 5 MB with a JSON 413 (after reading an oversized body to its end, so that the
// client reads the answer), page requests at 1 MB (hooks.server.ts).
process.env.BODY_SIZE_LIMIT ??= '1G';
process.env.PORT ??= '3000';
// Without ORIGIN, adapter-node assumes https and SvelteKit's CSRF check then refuses the forms of a plain
// http://localhost page. Behind a proxy or on another address, set ORIGIN to the address people use.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER)
	process.env.ORIGIN = `http://localhost:${process.env.PORT}`;

// A computed specifier: the type checker must not follow it into the generated build.
await import(new URL('../build/index.js', import.meta.url).href);
console.log(`[keeprate] dashboard: ${process.env.ORIGIN ?? `http://localhost:${process.env.PORT}`}/`);
