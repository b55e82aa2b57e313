import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The CSRF origin check stays on. `npm start` sets ORIGIN to http://localhost:3000; the same
		// machine's other name for it is trusted too.
		csrf: { trustedOrigins: ['http://127.0.0.1:3000'] },
		csp: {
			directives: {
				'default-src': ['self'],
				'img-src': ['self', 'data:'],
				// Reviewers watch clips where the team hosts them.
				'media-src': ['self', 'https:', 'http:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'script-src': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
