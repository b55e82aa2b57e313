// `npm start`: run the built server (npm runs `npm run build` first). `npm start -- --demo` loads six
// weeks of demo data into an empty workspace. Settings are environment variables (README, Configuration).
import { existsSync } from 'node:fs';

if (process.argv.includes('--demo')) process.env.KEEPRATE_DEMO = '1';
// The API enforces its own 5 MB limit with a JSON error; the adapter's limit sits just above it.
process.env.BODY_SIZE_LIMIT ??= '6M';
process.env.PORT ??= '3000';

if (!existsSync(new URL('../build/index.js', import.meta.url))) {
	console.error('No build found: run `npm run build` first (`npm start` does it for you).');
	process.exit(1);
}
const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
// A computed specifier: the type checker must not follow it into the generated build.
await import(new URL('../build/index.js', import.meta.url).href);
console.log(`[keeprate] dashboard: http://${host}:${process.env.PORT}/`);
