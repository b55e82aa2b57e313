// The demo's clips ship with the app (static/demo/clips, made by scripts/demo-clips.sh). An attempt's
// videoUrl must be an absolute http(s) URL, yet the demo is seeded once and then served from whatever host
// runs the app (localhost:3000, a container behind a proxy, a test server on a random port): no absolute
// URL written at seeding time stays right. So demo attempts point at a reserved origin that can never
// resolve (the .invalid top-level domain, RFC 2606), and the review stage maps exactly that origin to the
// app's own path, whatever host the page came from. Every other link plays as the client sent it.

export const DEMO_CLIP_ORIGIN = 'https://clips.keeprate-demo.invalid';
export const DEMO_CLIP_PATH = '/demo/clips/';

export type DemoTier = 'base' | 'premium';

/** The stored link of a demo take: the clip of its scene type and tier. */
export const demoClipUrl = (scene: string, tier: DemoTier): string =>
	`${DEMO_CLIP_ORIGIN}${DEMO_CLIP_PATH}${scene}-${tier}.webm`;

// Only a plain file name is mapped: the app's own path never gets a link a client made up (../ and the like).
const DEMO_CLIP = new RegExp(
	`^${DEMO_CLIP_ORIGIN.replaceAll('.', '\\.')}${DEMO_CLIP_PATH}([a-z0-9-]+\\.webm)$`
);

/** The link a video element should play: a demo clip from the app itself, anything else unchanged. */
export function playableClipUrl(videoUrl: string | null): string | null {
	const demo = videoUrl?.match(DEMO_CLIP);
	return demo ? `${DEMO_CLIP_PATH}${demo[1]}` : videoUrl;
}
