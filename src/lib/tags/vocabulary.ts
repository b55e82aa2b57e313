// The scene tags keeprate infers from prompts: the scene types that move video models' retake rates.
// Both the rules and the model answer with these tags only, so segments stay comparable over time.
// Clients may send any tags of their own; this list only bounds what keeprate infers.
import { z } from 'zod';

export const SCENE_TAGS = [
	{ tag: 'close-up', description: 'a tight, close-up or macro shot where every flaw is large on screen' },
	{ tag: 'fine-texture', description: 'fabric, fur, hair strands, knitwear, feathers or other fine detail' },
	{ tag: 'high-motion', description: 'fast action or camera moves: running, chases, fights, whip pans' },
	{ tag: 'complex-scene', description: 'crowds, busy streets, many subjects interacting at once' },
	{ tag: 'face', description: 'human faces, portraits, expressions or lip sync' },
	{ tag: 'hands', description: 'hands or fingers in view, playing instruments, typing, gripping' },
	{ tag: 'text-in-frame', description: 'legible text: signs, logos, captions, labels, screens' },
	{ tag: 'low-light', description: 'night, darkness, candlelight, moonlight or dim interiors' },
	{ tag: 'fluids', description: 'water, rain, waves, pouring liquids, smoke, steam or fire' },
	{ tag: 'animals', description: 'animals or wildlife, whose anatomy and gait models often get wrong' },
	{ tag: 'landscape', description: 'wide natural vistas: mountains, forests, deserts, aerial views' },
	{ tag: 'interior', description: 'indoor rooms and buildings: kitchens, offices, hallways, shops' },
	{ tag: 'slow-motion', description: 'slow-motion or high-frame-rate footage' },
	{ tag: 'animation', description: 'animated or stylised: cartoon, anime, 3D render, stop motion' },
	{ tag: 'product', description: 'a product or pack shot for an advert or a shop' }
] as const;

export type SceneTag = (typeof SCENE_TAGS)[number]['tag'];

export const sceneTagSchema = z.enum(SCENE_TAGS.map((t) => t.tag) as [SceneTag, ...SceneTag[]]);

export const SCENE_TAG_NAMES: readonly SceneTag[] = sceneTagSchema.options;
