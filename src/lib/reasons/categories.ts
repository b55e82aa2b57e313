// Why a clip was not kept: the categories a decided attempt that is not kept falls in, and the rules
// that place a reviewer's free-text reject reason in one. No imports: drizzle-kit reads this file with
// the schema (the rules are the default of workspaces.reject_rules, the ids a CHECK on attempts).

/** Stable ids (stored, in the API) and display labels, in the order the pages list them. */
export const REJECT_CATEGORIES = [
	{ id: 'hands-anatomy', label: 'Hands and anatomy' },
	{ id: 'faces', label: 'Faces' },
	{ id: 'motion-artefacts', label: 'Motion artefacts' },
	{ id: 'flicker-temporal', label: 'Flicker and temporal consistency' },
	{ id: 'physics', label: 'Physics' },
	{ id: 'text-logos', label: 'Text and logos' },
	{ id: 'prompt-mismatch', label: 'Prompt mismatch' },
	{ id: 'camera', label: 'Camera' },
	{ id: 'style', label: 'Style' },
	{ id: 'audio-sync', label: 'Audio sync' },
	{ id: 'other', label: 'Other' },
	{ id: 'unspecified', label: 'Unspecified' },
	{ id: 'failed', label: 'Failed generation' }
] as const;

export type RejectCategory = (typeof REJECT_CATEGORIES)[number]['id'];

export const REJECT_CATEGORY_IDS = REJECT_CATEGORIES.map((c) => c.id) as [
	RejectCategory,
	...RejectCategory[]
];

/** What a rule may place a reason in: not the categories keeprate gives by itself. */
export const RULE_CATEGORY_IDS = REJECT_CATEGORY_IDS.filter(
	(id) => id !== 'unspecified' && id !== 'failed'
) as [RejectCategory, ...RejectCategory[]];

/**
 * How a rejected attempt's category was given (attempts.reject_category_by): 'rules'; 'queued' (no rule
 * placed it: `other`, waiting for the opt-in model); 'llm' (the model placed it); 'rules-final' (the
 * model gave no usable answer: it stays `other`). Null for failed, unspecified and undecided attempts.
 */
export const REJECT_PLACEMENTS = ['rules', 'queued', 'llm', 'rules-final'] as const;

export const categoryLabel = (id: string): string => REJECT_CATEGORIES.find((c) => c.id === id)?.label ?? id;

export interface RejectRule {
	/** Matched where it starts a word of the reason, ignoring case: `finger` matches "extra fingers". */
	pattern: string;
	category: RejectCategory;
}

const rules = (category: RejectCategory, ...patterns: string[]): RejectRule[] =>
	patterns.map((pattern) => ({ pattern, category }));

/**
 * The first rule that matches wins, so the order settles overlaps: a body part before what went wrong
 * with it ("melted face" is a face, "hand warping" anatomy), a visible artefact before the camera move that
 * showed it ("background warps when the camera pans"), flicker before "texture" (style: "texture boils"
 * flickers) and "texture" before "text", the generic words of a missed brief ("wrong", "missing") after
 * every specific one ("wrong logo"), and "motion" alone last ("missed the slow motion" is the brief).
 */
export const DEFAULT_REJECT_RULES: RejectRule[] = [
	...rules('camera', 'handheld', 'hand-held'),
	...rules(
		'audio-sync',
		'lip sync',
		'lip-sync',
		'lipsync',
		'out of sync',
		'audio',
		'sound',
		'voice',
		'dialogue',
		'dubbing',
		'music'
	),
	...rules(
		'hands-anatomy',
		'finger',
		'hand',
		'thumb',
		'limb',
		'arm',
		'legs',
		'anatomy',
		'anatomical',
		'extra arm',
		'extra leg',
		'extra head',
		'body',
		'feet',
		'foot',
		'toes',
		'deformed',
		'mutated',
		'proportion'
	),
	...rules(
		'faces',
		'face',
		'facial',
		'eye',
		'teeth',
		'mouth',
		'smile',
		'expression',
		'identity',
		'likeness',
		'uncanny',
		'portrait'
	),
	...rules(
		'motion-artefacts',
		'warp',
		'morph',
		'melt',
		'smear',
		'blur',
		'ghost',
		'artefact',
		'artifact',
		'distort',
		'glitch',
		'stutter',
		'frozen',
		'freez',
		'choppy',
		'wobbl',
		'judder'
	),
	...rules(
		'camera',
		'camera',
		'framing',
		'framed',
		'zoom',
		'pans',
		'panning',
		'dolly',
		'tracking shot',
		'angle',
		'composition',
		'crop',
		'focus',
		'shaky',
		'horizon',
		'tilt',
		'shot type',
		'wrong shot'
	),
	...rules(
		'flicker-temporal',
		'flicker',
		'jitter',
		'strobe',
		'strobing',
		'temporal',
		'consisten',
		'inconsisten',
		'continuity',
		'popping',
		'pops in',
		'shimmer',
		'boil',
		'crawl',
		'between frames',
		'drift',
		'changes between'
	),
	...rules(
		'style',
		'texture',
		'style',
		'plastic',
		'waxy',
		'cartoon',
		'cgi',
		'video game',
		'colour',
		'color',
		'grade',
		'grading',
		'lighting',
		'saturat',
		'aesthetic',
		'looks fake',
		'fake looking',
		'tone'
	),
	...rules(
		'text-logos',
		'text',
		'garbled',
		'gibberish',
		'letter',
		'spelling',
		'misspel',
		'typo',
		'logo',
		'brand',
		'watermark',
		'sign',
		'caption',
		'subtitle',
		'label',
		'font',
		'writing',
		'words'
	),
	...rules(
		'physics',
		'physics',
		'gravity',
		'float',
		'upward',
		'falls up',
		'clipping',
		'clips through',
		'passes through',
		'collision',
		'impossible',
		'liquid',
		'water',
		'fluid',
		'weightless',
		'balance'
	),
	...rules(
		'prompt-mismatch',
		"didn't follow",
		'did not follow',
		'prompt',
		'off-brief',
		'off brief',
		'brief',
		'ignored',
		'missed',
		'mismatch',
		"doesn't match",
		'does not match',
		'not what',
		'instead of',
		'wrong',
		'missing',
		'not as described'
	),
	...rules('motion-artefacts', 'motion')
];
