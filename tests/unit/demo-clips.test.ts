import { describe, expect, test } from 'vitest';
import { DEMO_CLIP_ORIGIN, demoClipUrl, playableClipUrl } from '../../src/lib/demo-clips';

describe('playableClipUrl', () => {
	test.each([
		// A demo clip plays from the app's own path, on whatever host the page came from.
		[demoClipUrl('close-up', 'premium'), '/demo/clips/close-up-premium.webm'],
		[demoClipUrl('landscape', 'base'), '/demo/clips/landscape-base.webm'],
		// Anything else, as the client sent it.
		['https://cdn.example.com/clips/take-1.mp4', 'https://cdn.example.com/clips/take-1.mp4'],
		[
			'http://localhost:3000/demo/clips/close-up-base.webm',
			'http://localhost:3000/demo/clips/close-up-base.webm'
		],
		// Only a plain clip name of the demo's origin is mapped: no way into another path of the app.
		[
			`${DEMO_CLIP_ORIGIN}/demo/clips/../../api/v1/summary`,
			`${DEMO_CLIP_ORIGIN}/demo/clips/../../api/v1/summary`
		],
		[`${DEMO_CLIP_ORIGIN}/demo/clips/a.webm?x=1`, `${DEMO_CLIP_ORIGIN}/demo/clips/a.webm?x=1`],
		[`${DEMO_CLIP_ORIGIN}/other/a.webm`, `${DEMO_CLIP_ORIGIN}/other/a.webm`],
		[
			'https://clipsXkeeprate-demo.invalid/demo/clips/a.webm',
			'https://clipsXkeeprate-demo.invalid/demo/clips/a.webm'
		],
		[null, null]
	])('%s plays as %s', (stored, played) => {
		expect(playableClipUrl(stored)).toBe(played);
	});

	test('a demo link passes the schema of videoUrl (an absolute http(s) URL)', () => {
		expect(new URL(demoClipUrl('interior', 'base')).protocol).toBe('https:');
	});
});
