// Why the demo's reviewers reject takes, in their own words. Each phrase belongs to one category of failure;
// which categories come up depends on the shot (hands and flicker on close-ups, smearing on fast motion, the
// brief on calm shots) and on the tier: the premium tiers fix detail much more than they follow the brief.

export const PHRASES: Record<string, string[]> = {
	'hands-anatomy': [
		'extra fingers on left hand',
		'hand merges into the strap',
		'six fingers when she pins the silk',
		'arm bends the wrong way at 0:02',
		"runner's legs swap mid-stride"
	],
	faces: [
		'face melts at 0:03',
		'eyes drift apart in the close-up',
		'teeth smear when he smiles',
		'face changes halfway through'
	],
	'motion-artefacts': [
		'background warps when camera pans',
		'smearing on the fast pan',
		'runners blur into each other',
		'ghosting behind the runners'
	],
	'flicker-temporal': [
		'flicker on the watch glass',
		'texture boils on the linen',
		'leather grain crawls between frames',
		'highlights shimmer frame to frame'
	],
	physics: [
		'water flows the wrong way',
		'skirt floats instead of falling',
		'snow falls upward at the end',
		'cup passes through the counter'
	],
	'text-logos': [
		'garbled text on the sign',
		'brand name misspelled on the dial',
		'numbers on the bibs are gibberish'
	],
	'prompt-mismatch': [
		'ignored the prompt: no runners',
		'daytime, the brief says sunrise',
		'brown strap, the brief says black',
		'off brief: asked for an empty lobby',
		'missed the slow motion'
	],
	camera: [
		'camera drifts instead of dolly',
		'zooms when asked for a static shot',
		'horizon tilts',
		'framing cuts off the product'
	],
	style: [
		'looks like CGI, not film',
		'too saturated for the brand',
		'grade does not match the other shots',
		'plastic skin'
	],
	'audio-sync': ['lip sync off', 'footsteps out of sync', 'music cuts at 0:04'],
	other: ['director passed', 'duplicate of an earlier take', 'not usable']
};

/** How often each category comes up on a base-tier take of each scene type (weights). */
const BY_SCENE: Record<string, Record<string, number>> = {
	'close-up': {
		'hands-anatomy': 4,
		faces: 3,
		'flicker-temporal': 3,
		'text-logos': 2,
		style: 1,
		'prompt-mismatch': 1
	},
	'fine-texture': {
		'flicker-temporal': 5,
		style: 2,
		physics: 1,
		'motion-artefacts': 1,
		'prompt-mismatch': 1
	},
	'high-motion': { 'motion-artefacts': 5, physics: 2, camera: 2, 'hands-anatomy': 1, 'prompt-mismatch': 1 },
	'complex-scene': {
		'motion-artefacts': 3,
		'hands-anatomy': 2,
		faces: 2,
		'prompt-mismatch': 2,
		'text-logos': 1
	},
	landscape: { 'prompt-mismatch': 3, camera: 2, style: 2, physics: 1, 'flicker-temporal': 1 },
	interior: { 'prompt-mismatch': 3, camera: 2, style: 2, 'text-logos': 1, physics: 1 },
	'slow-motion': { 'prompt-mismatch': 2, physics: 2, style: 2, camera: 1, 'motion-artefacts': 1 }
};
const EVERYWHERE = { 'audio-sync': 0.4, other: 0.3 };

/** What a premium tier fixes (weight x 0.3) and what it does not (the brief, the camera, the look). */
const DETAIL = new Set(['hands-anatomy', 'faces', 'motion-artefacts', 'flicker-temporal', 'text-logos']);

/** A reject reason for a take of this scene on this tier, drawn with `random`. */
export function rejectReason(sceneType: string, premium: boolean, random: () => number): string {
	const weights = Object.entries({ ...(BY_SCENE[sceneType] ?? BY_SCENE.landscape), ...EVERYWHERE }).map(
		([category, w]) => [category, premium && DETAIL.has(category) ? w * 0.3 : w] as const
	);
	let draw = random() * weights.reduce((sum, [, w]) => sum + w, 0);
	let category = weights[weights.length - 1][0];
	for (const [c, w] of weights) {
		if ((draw -= w) < 0) {
			category = c;
			break;
		}
	}
	const phrases = PHRASES[category];
	return phrases[Math.floor(random() * phrases.length)];
}
