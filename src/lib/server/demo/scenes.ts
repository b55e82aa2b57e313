// What the demo studio shoots: five projects, their scenes, which model families each project tries, and how
// often each tier keeps a take of each kind of shot. The premium tiers earn their price on detail (close-ups,
// fine texture, fast motion, crowds) and not on calm shots, so a family's advice turns with the scene type and
// the project, as teams find when they review their own takes.

export interface DemoScene {
	tags: string[];
	prompt: string;
	/** The clip it plays in the review queue: a scene type of scripts/demo-clips.sh. */
	clip: string;
}

export interface DemoProject {
	slug: string;
	shotsPerWeek: number;
	scenes: DemoScene[];
	/** Family ids of the catalog, with how often the project picks each (weights). */
	families: Record<string, number>;
}

const scene = (tags: string[], prompt: string): DemoScene => ({ tags, prompt, clip: tags[0] });

export const PROJECTS: DemoProject[] = [
	{
		slug: 'lumen-watch-launch',
		shotsPerWeek: 30,
		scenes: [
			scene(['close-up', 'fine-texture'], 'extreme close-up of a steel watch face, second hand ticking'),
			scene(['close-up'], 'close-up of a hand fastening the watch, shallow depth of field'),
			scene(['fine-texture'], 'macro shot of brushed steel and a stitched leather strap'),
			scene(['close-up', 'high-motion'], 'the watch on a wrist swinging past the lens as she runs for a tram')
		],
		families: { 'veo-3.1': 4, 'kling-3.0': 2, 'runway-gen-4': 1, 'seedance-2.0': 1 }
	},
	{
		slug: 'city-marathon-promo',
		shotsPerWeek: 22,
		scenes: [
			scene(
				['complex-scene', 'high-motion'],
				'thousands of runners pour across a bridge at dawn, drone chase'
			),
			scene(['high-motion'], 'tracking shot of a sprinter at full speed, fast pan'),
			scene(['landscape'], 'wide aerial shot of the empty city at sunrise before the race')
		],
		families: { 'kling-3.0': 2, 'wan-3.0': 2, 'ltx-2': 2, 'veo-3.1': 2 }
	},
	{
		slug: 'travel-social-loops',
		shotsPerWeek: 30,
		scenes: [
			scene(['landscape'], 'wide aerial shot over a misty fjord at sunrise'),
			scene(['landscape', 'slow-motion'], 'slow motion waves rolling onto a quiet beach'),
			scene(['interior'], 'sunlit hotel lobby, slow dolly forward')
		],
		families: { 'veo-3.1': 3, 'wan-3.0': 1, 'ltx-2': 1, 'runway-gen-4': 2, 'seedance-2.0': 1 }
	},
	{
		slug: 'atelier-lookbook',
		shotsPerWeek: 18,
		scenes: [
			scene(['close-up', 'fine-texture'], 'close-up of hands pinning silk on a mannequin'),
			scene(['fine-texture'], 'macro of tweed and linen swatches under a moving light'),
			scene(['high-motion'], 'a model spins on the runway, skirt flaring, camera circles'),
			scene(['interior'], 'empty atelier at golden hour, dust in the light')
		],
		families: { 'ltx-2': 2, 'wan-3.0': 2, 'seedance-2.0': 2, 'kling-3.0': 1 }
	},
	{
		slug: 'fjord-documentary',
		shotsPerWeek: 16,
		scenes: [
			scene(['landscape'], 'time-lapse of clouds over a fjord, static camera'),
			scene(['slow-motion'], 'slow motion snow falling on a wooden cabin'),
			scene(['close-up'], 'close-up of a fisherman mending a net, weathered hands'),
			scene(['high-motion'], 'sea eagle dives to the water, camera follows')
		],
		families: { 'runway-gen-4': 2, 'veo-3.1': 2, 'kling-3.0': 1, 'ltx-2': 1 }
	}
];

/** How hard a scene type is for a model: 1 = all detail and motion, 0 = calm. A shot is as hard as its hardest tag. */
export const DIFFICULTY: Record<string, number> = {
	'close-up': 1,
	'fine-texture': 1,
	'high-motion': 0.9,
	'complex-scene': 0.9,
	interior: 0.25,
	'slow-motion': 0.1,
	landscape: 0
};

/** A tier's keep chance on a calm shot and on the hardest one; shots between are interpolated. */
type KeepRange = [calm: number, hard: number];

/**
 * Per family, the base and premium tiers the demo uses (the family's two dearest). Chosen against each pair's
 * price ratio: Veo 3.1 Standard costs 4x Fast, so it pays only where Fast rarely lands a take; Runway's Aleph
 * never quite catches up with its 3x price.
 */
export const KEEP: Record<string, { base: KeepRange; premium: KeepRange }> = {
	'veo-3.1': { base: [0.62, 0.08], premium: [0.68, 0.78] },
	'kling-3.0': { base: [0.58, 0.25], premium: [0.64, 0.62] },
	'ltx-2': { base: [0.56, 0.2], premium: [0.6, 0.58] },
	'runway-gen-4': { base: [0.6, 0.2], premium: [0.64, 0.5] },
	'wan-3.0': { base: [0.57, 0.18], premium: [0.62, 0.56] },
	'seedance-2.0': { base: [0.6, 0.38], premium: [0.62, 0.6] }
};
/** Families the catalog has that are not listed above. */
export const KEEP_OTHERWISE = { base: [0.58, 0.2], premium: [0.62, 0.55] } satisfies {
	base: KeepRange;
	premium: KeepRange;
};

export function keepChance(range: KeepRange, difficulty: number): number {
	return range[0] + (range[1] - range[0]) * difficulty;
}
