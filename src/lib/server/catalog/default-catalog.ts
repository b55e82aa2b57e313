// The default catalog: editable defaults, not the truth.
//
// - It is seeded into each workspace (seed.ts, run whenever a workspace is ensured). Entries a workspace
//   does not have yet are added; entries it already has, edited or not, are kept. So a price appended
//   here reaches existing workspaces, but changing a figure already here does not: owners edit their
//   own price book.
// - An attempt without a reported cost is priced by the price in force at its createdAt: the newest
//   entry with effectiveFrom <= createdAt. An exact resolution ('1280x720') wins over '*'. Landscape
//   and portrait are separate strings. Sizes not listed here (other aspect ratios) have no price, and
//   such attempts are refused until someone adds one or the client sends costUsd.
// - To add a price (a price change, a new size): append a CatalogPrice with the new effectiveFrom and
//   its source. Never edit or delete an old entry: it still prices the attempts made while it was in force.
// - Money is integer micro-dollars per second of output: 0.10 $/s = 100_000.
// - Where a provider bills in credits, units or tokens, the per-second figure is derived and the
//   source string says how. "read 2026-11-24" = read on that date from stored copies of the pages.

export interface CatalogPrice {
	/** 'WxH' (e.g. '1280x720') or '*' for any resolution. */
	resolution: string;
	/** USD per second of output, in integer micro-dollars (0.10 $/s = 100_000). */
	microsPerSecond: number;
	/** ISO date (YYYY-MM-DD) from which the price applies. */
	effectiveFrom: string;
	/** Where the price was read, and when: e.g. 'OpenAI API pricing page, read 2025-10-07'. */
	source: string;
}

export interface CatalogModel {
	/** The provider's model id as sent in API calls (other ids go in aliases). */
	model: string;
	/** Models that are tiers of one product, e.g. 'sora-2', 'veo-3.1'. */
	family: string;
	/** 0 = cheapest (the base) within the family, ascending. */
	tier: number;
	displayName: string;
	provider: string;
	/** YYYY-MM-DD */
	retiredOn?: string;
	/** true only where the provider bills failed generations. */
	failedAttemptsBilled?: boolean;
	/** Dated snapshots and alternative ids that map to this model. */
	aliases?: string[];
	prices: CatalogPrice[];
}

// 16:9 and 9:16 sizes of each resolution class.
const P480 = ['854x480', '480x854'];
const P480_WAN = ['832x480', '480x832'];
const P720 = ['1280x720', '720x1280'];
const P1080 = ['1920x1080', '1080x1920'];
const P4K = ['3840x2160', '2160x3840'];

/** One price for each of several sizes. */
function sizes(
	resolutions: readonly string[],
	microsPerSecond: number,
	effectiveFrom: string,
	source: string
): CatalogPrice[] {
	return resolutions.map((resolution) => ({ resolution, microsPerSecond, effectiveFrom, source }));
}

// ---- Sources -------------------------------------------------------------------------------------

const SORA = 'OpenAI model pages (sora-2, sora-2-pro), read 2025-10';

const VEO_GEMINI =
	'Google Gemini API pricing page, Veo 3.1 (price with audio: the Gemini API always generates audio; ' +
	'Vertex AI bills the same ids and also lists lower video-only rates), read 2026-11-24';
const VEO_FAST_LAUNCH =
	'Google Gemini API pricing at the Veo 3.1 launch (Fast $0.15/s; 4K $0.35/s), superseded by the ' +
	'2026-04-07 Fast price cut; as quoted by third-party guides, read 2026-11-24';

const KLING =
	'Kling AI developer pricing (prepaid resource packs, $0.14/unit standard pack): 5 s Kling 3.0 ' +
	'std (720p) = $0.42, pro (1080p) = $0.56, without native audio (audio on costs 1.5x), as summarised ' +
	"by Atlas Cloud's Kling API pricing guide; read 2026-11-24";

const LTX = 'LTX API pricing page (docs.ltx.video/pricing), text/image-to-video, read 2026-11-24';

const RUNWAY = (credits: number) =>
	`Runway API pricing docs: ${credits} credits/s at $0.01 per credit, any ratio; read 2026-11-24 ` +
	"(effective date approximate: around the model's API release, no other price known)";

const WAN =
	'Alibaba Cloud Model Studio list price as derived from the APIYI Wan3.0 docs (which charge 98% of ' +
	'the official price: 720P $0.0588/s, 1080P $0.1176/s; 480P from its $0.0245/s at 81.7%); audio ' +
	'included at no extra cost; read 2026-11-24';
const WAN_PRIME =
	'Alibaba Cloud Model Studio list price as derived from the APIYI Wan3.0 docs (720P $0.126/s = 98% of ' +
	'the official price); 480P and 1080P scaled 1:2:4 as Wan 3.0 prices its tiers; read 2026-11-24';

const SEEDANCE = (perMillion: string) =>
	`BytePlus ModelArk list rate ${perMillion}/1M tokens (no video input), as charged at list by ` +
	"Comfy's partner-node pricing table; per second = W x H x 24 fps / 1024 tokens; read 2026-11-24";
const SEEDANCE_BEFORE = (perMillion: string) =>
	`BytePlus ModelArk rate ${perMillion}/1M tokens (no video input) as listed in Comfy's partner-node ` +
	'pricing table before its 2026-05-05 update; per second = W x H x 24 fps / 1024 tokens; read 2026-11-24';

// ---- Catalog -------------------------------------------------------------------------------------

export const defaultCatalog: CatalogModel[] = [
	// Sora 2: retired 2026-09-24, kept to price history (docs/figures.md#cost-of-an-attempt).
	{
		model: 'sora-2',
		family: 'sora-2',
		tier: 0,
		displayName: 'Sora 2',
		provider: 'OpenAI',
		retiredOn: '2026-09-24',
		aliases: ['sora-2-2025-10-06'],
		prices: sizes(P720, 100_000, '2025-10-06', SORA)
	},
	{
		model: 'sora-2-pro',
		family: 'sora-2',
		tier: 1,
		displayName: 'Sora 2 Pro',
		provider: 'OpenAI',
		retiredOn: '2026-09-24',
		aliases: ['sora-2-pro-2025-10-06'],
		prices: [
			...sizes(P720, 300_000, '2025-10-06', SORA),
			...sizes(['1024x1792', '1792x1024'], 500_000, '2025-10-06', SORA)
		]
	},

	// Veo 3.1 (Google): ids of the Gemini API; the Vertex AI ids and short names are aliases.
	{
		model: 'veo-3.1-lite-generate-preview',
		family: 'veo-3.1',
		tier: 0,
		displayName: 'Veo 3.1 Lite',
		provider: 'Google',
		aliases: ['veo-3.1-lite-generate-001', 'veo-3.1-lite'],
		prices: [
			...sizes(P720, 50_000, '2026-03-31', VEO_GEMINI),
			...sizes(P1080, 80_000, '2026-03-31', VEO_GEMINI)
		]
	},
	{
		model: 'veo-3.1-fast-generate-preview',
		family: 'veo-3.1',
		tier: 1,
		displayName: 'Veo 3.1 Fast',
		provider: 'Google',
		aliases: ['veo-3.1-fast-generate-001', 'veo-3.1-fast'],
		prices: [
			...sizes([...P720, ...P1080], 150_000, '2025-10-15', VEO_FAST_LAUNCH),
			...sizes(P4K, 350_000, '2025-10-15', VEO_FAST_LAUNCH),
			...sizes(P720, 100_000, '2026-04-07', VEO_GEMINI),
			...sizes(P1080, 120_000, '2026-04-07', VEO_GEMINI),
			...sizes(P4K, 300_000, '2026-04-07', VEO_GEMINI)
		]
	},
	{
		model: 'veo-3.1-generate-preview',
		family: 'veo-3.1',
		tier: 2,
		displayName: 'Veo 3.1',
		provider: 'Google',
		aliases: ['veo-3.1-generate-001', 'veo-3.1'],
		prices: [
			...sizes([...P720, ...P1080], 400_000, '2025-10-15', VEO_GEMINI),
			...sizes(P4K, 600_000, '2025-10-15', VEO_GEMINI)
		]
	},

	// Kling 3.0 (Kuaishou). The native API sends model_name 'kling-v3' plus mode 'std' | 'pro';
	// one id per mode is needed to tell the tiers apart.
	{
		model: 'kling-v3.0-std',
		family: 'kling-3.0',
		tier: 0,
		displayName: 'Kling 3.0 Standard',
		provider: 'Kling AI',
		prices: [{ resolution: '*', microsPerSecond: 84_000, effectiveFrom: '2026-02-03', source: KLING }]
	},
	{
		model: 'kling-v3.0-pro',
		family: 'kling-3.0',
		tier: 1,
		displayName: 'Kling 3.0 Pro',
		provider: 'Kling AI',
		prices: [{ resolution: '*', microsPerSecond: 112_000, effectiveFrom: '2026-02-03', source: KLING }]
	},

	// LTX-2 (Lightricks): priced by resolution; the API lists landscape sizes only.
	{
		model: 'ltx-2-fast',
		family: 'ltx-2',
		tier: 0,
		displayName: 'LTX-2 Fast',
		provider: 'Lightricks',
		prices: [
			{ resolution: '1920x1080', microsPerSecond: 40_000, effectiveFrom: '2025-10-23', source: LTX },
			{ resolution: '2560x1440', microsPerSecond: 80_000, effectiveFrom: '2025-10-23', source: LTX },
			{ resolution: '3840x2160', microsPerSecond: 160_000, effectiveFrom: '2025-10-23', source: LTX }
		]
	},
	{
		model: 'ltx-2-pro',
		family: 'ltx-2',
		tier: 1,
		displayName: 'LTX-2 Pro',
		provider: 'Lightricks',
		prices: [
			{ resolution: '1920x1080', microsPerSecond: 60_000, effectiveFrom: '2025-10-23', source: LTX },
			{ resolution: '2560x1440', microsPerSecond: 120_000, effectiveFrom: '2025-10-23', source: LTX },
			{ resolution: '3840x2160', microsPerSecond: 240_000, effectiveFrom: '2025-10-23', source: LTX }
		]
	},

	// Runway Gen-4: credits per second at $0.01 per credit, whatever the ratio.
	{
		model: 'gen4_turbo',
		family: 'runway-gen-4',
		tier: 0,
		displayName: 'Runway Gen-4 Turbo',
		provider: 'Runway',
		prices: [{ resolution: '*', microsPerSecond: 50_000, effectiveFrom: '2025-04-01', source: RUNWAY(5) }]
	},
	{
		model: 'gen4_aleph',
		family: 'runway-gen-4',
		tier: 1,
		displayName: 'Runway Gen-4 Aleph',
		provider: 'Runway',
		prices: [{ resolution: '*', microsPerSecond: 150_000, effectiveFrom: '2025-07-25', source: RUNWAY(15) }]
	},

	// Wan 3.0 (Alibaba): one id for text/image/reference-to-video; Prime is the faster tier.
	{
		model: 'wan3.0-video',
		family: 'wan-3.0',
		tier: 0,
		displayName: 'Wan 3.0',
		provider: 'Alibaba Cloud',
		prices: [
			...sizes(P480_WAN, 30_000, '2026-08-01', WAN),
			...sizes(P720, 60_000, '2026-08-01', WAN),
			...sizes(P1080, 120_000, '2026-08-01', WAN)
		]
	},
	{
		model: 'wan3.0-video-prime',
		family: 'wan-3.0',
		tier: 1,
		displayName: 'Wan 3.0 Prime',
		provider: 'Alibaba Cloud',
		prices: [
			...sizes(P480_WAN, 64_286, '2026-08-01', WAN_PRIME),
			...sizes(P720, 128_571, '2026-08-01', WAN_PRIME),
			...sizes(P1080, 257_143, '2026-08-01', WAN_PRIME)
		]
	},

	// Seedance 2.0 (ByteDance, BytePlus ModelArk ids): billed per output token; 16:9 and 9:16 at 24 fps
	// are 9,607.5 tokens/s at 854x480, 21,600 at 1280x720, 48,600 at 1920x1080.
	{
		model: 'dreamina-seedance-2-0-mini-260615',
		family: 'seedance-2.0',
		tier: 0,
		displayName: 'Seedance 2.0 Mini',
		provider: 'BytePlus (ByteDance)',
		prices: [
			...sizes(P480, 48_038, '2026-06-15', SEEDANCE('$5')),
			...sizes(P720, 108_000, '2026-06-15', SEEDANCE('$5'))
		]
	},
	{
		model: 'dreamina-seedance-2-0-fast-260128',
		family: 'seedance-2.0',
		tier: 1,
		displayName: 'Seedance 2.0 Fast',
		provider: 'BytePlus (ByteDance)',
		prices: [
			...sizes(P480, 53_802, '2026-01-28', SEEDANCE_BEFORE('$5.60')),
			...sizes(P720, 120_960, '2026-01-28', SEEDANCE_BEFORE('$5.60')),
			...sizes(P480, 76_860, '2026-05-05', SEEDANCE('$8')),
			...sizes(P720, 172_800, '2026-05-05', SEEDANCE('$8'))
		]
	},
	{
		model: 'dreamina-seedance-2-0-260128',
		family: 'seedance-2.0',
		tier: 2,
		displayName: 'Seedance 2.0',
		provider: 'BytePlus (ByteDance)',
		prices: [
			...sizes(P480, 67_253, '2026-01-28', SEEDANCE_BEFORE('$7')),
			...sizes(P720, 151_200, '2026-01-28', SEEDANCE_BEFORE('$7')),
			...sizes(P480, 96_075, '2026-05-05', SEEDANCE('$10')),
			...sizes(P720, 216_000, '2026-05-05', SEEDANCE('$10')),
			...sizes(P1080, 534_600, '2026-05-05', SEEDANCE('$11 (1080p)'))
		]
	}
];
