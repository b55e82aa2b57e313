import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Pages are rendered for a signed-in team; the CSRF origin check stays on (the default).
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
