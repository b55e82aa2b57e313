// Six weeks of realistic demo attempts, generated deterministically and stored through the real ingest
// path (validation, price book, idempotency). Detail-dense shots (close-ups, fine texture, crowds, fast
// motion) are kept far more often on the premium tier, so the premium tier pays for itself on one project
// and not on another, as it does for real teams.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { models, prices } from '../db/schema';
import { ingest } from '../ingest';
import { hasAttempts } from '../queries/has-attempts';
import { mulberry32 } from '$lib/metrics/random';

interface DemoProject {
	slug: string;
	scenes: string[][];
	shotsPerWeek: number;
}

const PROJECTS: DemoProject[] = [
	// Product close-ups and fabric: the premium tier pays for itself here.
	{
		slug: 'lumen-watch-launch',
		scenes: [['close-up', 'fine-texture'], ['close-up'], ['fine-texture']],
		shotsPerWeek: 9
	},
	// Festival crowds and chases.
	{
		slug: 'city-marathon-promo',
		scenes: [['complex-scene', 'high-motion'], ['high-motion'], ['landscape']],
		shotsPerWeek: 8
	},
	// Calm establishing shots for social loops: the base tier is the better buy.
	{
		slug: 'travel-social-loops',
		scenes: [['landscape'], ['landscape', 'slow-motion'], ['interior']],
		shotsPerWeek: 11
	}
];

const DETAIL = new Set(['close-up', 'fine-texture', 'complex-scene', 'high-motion']);
const CREATORS = ['ana', 'ben', 'chloe', 'dev'];
const REASONS = ['artifacts', 'wrong motion', 'off-brief', 'face or hands', 'text garbled'];
const SUBJECTS: Record<string, string> = {
	'close-up': 'extreme close-up of a steel watch face, second hand ticking',
	'fine-texture': 'macro shot of woven linen and brushed leather strap',
	'complex-scene': 'crowded street festival at dusk, hundreds of runners and spectators',
	'high-motion': 'tracking shot of a sprinter at full speed, fast pan',
	landscape: 'wide aerial shot over a misty fjord at sunrise',
	'slow-motion': 'slow motion waves rolling onto a quiet beach',
	interior: 'sunlit hotel lobby, slow dolly forward'
};

/** Keep probability by tier position (0 = base) and whether the shot is detail-dense. */
function keepChance(premium: boolean, detailDense: boolean): number {
	if (detailDense) return premium ? 0.66 : 0.17;
	return premium ? 0.64 : 0.52;
}

interface TierChoice {
	family: string;
	base: { model: string; resolution: string };
	premium: { model: string; resolution: string };
}

/** The families of the workspace's catalog that are current and have two tiers with a price. */
async function demoFamilies(db: Db, workspaceId: string): Promise<TierChoice[]> {
	const rows = await db
		.select({ model: models.model, family: models.family, tier: models.tier, resolution: prices.resolution })
		.from(models)
		.innerJoin(prices, and(eq(prices.workspaceId, models.workspaceId), eq(prices.model, models.model)))
		.where(and(eq(models.workspaceId, workspaceId), isNull(models.retiredOn)));
	const byFamily = new Map<string, Map<string, { tier: number; resolution: string }>>();
	for (const r of rows) {
		const family = byFamily.get(r.family) ?? new Map();
		const current = family.get(r.model);
		// Prefer a landscape 720p or 1080p size; '*' prices take 1280x720.
		const resolution = r.resolution === '*' ? '1280x720' : r.resolution;
		const better = !current || preference(resolution) < preference(current.resolution);
		if (better) family.set(r.model, { tier: r.tier, resolution });
		byFamily.set(r.family, family);
	}
	const choices: TierChoice[] = [];
	for (const [family, members] of [...byFamily].sort(([a], [b]) => a.localeCompare(b))) {
		const sorted = [...members].sort(([, a], [, b]) => a.tier - b.tier);
		if (sorted.length < 2) continue;
		const [baseModel, base] = sorted[sorted.length - 2];
		const [premiumModel, premium] = sorted[sorted.length - 1];
		choices.push({
			family,
			base: { model: baseModel, resolution: base.resolution },
			premium: { model: premiumModel, resolution: premium.resolution }
		});
	}
	return choices;
}

const preference = (resolution: string) => ['1280x720', '1920x1080', '720x1280'].indexOf(resolution) >>> 0;

/** Seed six weeks ending now. Refuses a workspace that already has attempts (demo ids would clash). */
export async function seedDemo(db: Db, workspaceId: string, now = new Date()): Promise<{ attempts: number }> {
	if (await hasAttempts(db, workspaceId)) throw new Error('demo data goes only into an empty workspace');
	const families = await demoFamilies(db, workspaceId);
	if (families.length === 0) throw new Error('the catalog has no family with two priced tiers');
	const random = mulberry32(20261124);
	const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
	const weekMs = 7 * 24 * 3600 * 1000;
	const start = now.getTime() - 6 * weekMs;
	const items: Record<string, unknown>[] = [];
	let shotNumber = 0;

	PROJECTS.forEach((project, p) => {
		const choice = families[p % families.length];
		for (let week = 0; week < 6; week++) {
			for (let s = 0; s < project.shotsPerWeek; s++) {
				const shotId = `${project.slug}-shot-${++shotNumber}`;
				const tags = pick(project.scenes);
				const detailDense = tags.some((t) => DETAIL.has(t));
				const premium = random() < 0.45;
				const tier = premium ? choice.premium : choice.base;
				const duration = pick([4, 5, 8, 8, 10]);
				const creator = pick(CREATORS);
				let t = start + week * weekMs + random() * (weekMs - 6 * 3600 * 1000);
				for (let take = 1; take <= 6; take++) {
					t += (20 + random() * 90) * 60 * 1000;
					if (t > now.getTime() - 60_000) break;
					// The newest takes are still waiting for review.
					const awaitingReview = now.getTime() - t < 3 * 24 * 3600 * 1000 && random() < 0.6;
					const failed = random() < 0.04;
					const kept = !failed && random() < keepChance(premium, detailDense);
					const verdict = failed ? 'reject' : awaitingReview ? 'pending' : kept ? 'keep' : 'reject';
					items.push({
						id: `${shotId}-take-${take}`,
						project: project.slug,
						model: tier.model,
						durationSeconds: duration,
						resolution: tier.resolution,
						status: failed ? 'failed' : 'succeeded',
						verdict,
						...(verdict === 'reject' && !failed ? { rejectReason: pick(REASONS) } : {}),
						createdAt: new Date(t).toISOString(),
						shotId,
						tags,
						prompt: `${SUBJECTS[tags[0]]}, cinematic lighting`,
						generationSeconds: Math.round((premium ? 95 : 38) * (0.7 + random() * 0.6)),
						creator
					});
					if (verdict !== 'reject') break;
				}
			}
		}
	});

	for (let i = 0; i < items.length; i += 1000) {
		await ingest(db, workspaceId, { attempts: items.slice(i, i + 1000) }, now);
	}
	return { attempts: items.length };
}
