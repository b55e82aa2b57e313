// `npm start`: run the built server (npm runs `npm run build` first). `npm start -- --demo` loads six
// weeks of demo data into an empty workspace. Settings are environment variables (README, Configuration).
import { existsSync } from 'node:fs';

if (process.argv.includes('--demo')) process.env.KEEPRATE_DEMO = '1';
// The API enforces its own 5 MB limit with a JSON error, after reading an oversized body to its end so
// that the client reads the 413; the adapter's limit bounds how much is read that way (and form posts).
process.env.BODY_SIZE_LIMIT ??= '64M';
process.env.PORT ??= '3000';
// Without ORIGIN, adapter-node assumes https and SvelteKit's CSRF check then refuses the forms of a plain
// http://localhost page. Behind a proxy or on another address, set ORIGIN to the address people use.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER)
	process.env.ORIGIN = `http://localhost:${process.env.PORT}`;

if (!existsSync(new URL('../build/index.js', import.meta.url))) {
	console.error('No build found: run `npm run build` first (`npm start` does it for you).');
	process.exit(1);
}
// A computed specifier: the type checker must not follow it into the generated build.
await import(new URL('../build/index.js', import.meta.url).href);
console.log(`[keeprate] dashboard: ${process.env.ORIGIN ?? `http://localhost:${process.env.PORT}`}/`);
