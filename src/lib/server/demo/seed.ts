// Six weeks of realistic demo attempts, generated deterministically and stored through the real ingest
// path (validation, price book, idempotency). Every current family of the catalog is tried in several
// projects; its premium tier keeps detail-dense shots (close-ups, fine texture, fast motion, crowds) far more
// often and calm ones barely more, so whether it pays for itself turns with the scene type and the project
// (scenes.ts). Each take that produced a clip links to a small clip shipped with the app; the newest takes
// wait in the review queue.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { models, prices, workspaces } from '../db/schema';
import { ingest } from '../ingest';
import { hasAttempts } from '../queries/has-attempts';
import { mulberry32 } from '$lib/metrics/random';
import { demoClipUrl } from '$lib/demo-clips';
import { DIFFICULTY, KEEP, KEEP_OTHERWISE, PROJECTS, keepChance } from './scenes';
import { rejectReason } from './reasons';

const CREATORS = ['ana', 'ben', 'chloe', 'dev', 'emi'];

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

/** A draw from weighted choices. */
function weighted<T>(choices: [T, number][], random: () => number): T {
	let draw = random() * choices.reduce((sum, [, w]) => sum + w, 0);
	for (const [choice, w] of choices) if ((draw -= w) < 0) return choice;
	return choices[choices.length - 1][0];
}

/**
 * Median seconds a reviewer spends on a take, by tier, verdict and how hard the shot is (0 calm, 1 all
 * detail): detail failures on the cheaper tier show in the first seconds (a melted face), a dearer take's
 * hands, text and texture are checked frame by frame, and calm shots are quick either way.
 */
const REVIEW_MEDIAN_SECONDS = {
	base: { keep: [30, 55], reject: [25, 22] },
	premium: { keep: [32, 65], reject: [28, 45] }
} as const;

/**
 * A review time: log-normal around the median (spread about 0.5), a second look for one keep in ten,
 * capped at ten minutes, in whole seconds.
 */
function reviewSeconds(premium: boolean, kept: boolean, difficulty: number, random: () => number): number {
	const [calm, detail] = REVIEW_MEDIAN_SECONDS[premium ? 'premium' : 'base'][kept ? 'keep' : 'reject'];
	const median = calm + (detail - calm) * difficulty;
	const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const secondLook = kept && random() < 0.1 ? 1.6 : 1;
	return Math.min(600, Math.max(3, Math.round(median * Math.exp(0.5 * normal) * secondLook)));
}

/** What an hour of a reviewer's time costs in the demo: 45 USD. */
export const DEMO_LABOR_MICROS_PER_HOUR = 45_000_000;

/** Seed six weeks ending now (see `start`). Refuses a workspace that already has attempts (demo ids would clash). */
export async function seedDemo(db: Db, workspaceId: string, now = new Date()): Promise<{ attempts: number }> {
	if (await hasAttempts(db, workspaceId)) throw new Error('demo data goes only into an empty workspace');
	const families = new Map((await demoFamilies(db, workspaceId)).map((c) => [c.family, c]));
	if (families.size === 0) throw new Error('the catalog has no family with two priced tiers');
	const random = mulberry32(20261206);
	// Review times draw from their own sequence, so that adding them moved none of the takes' other draws.
	const reviewRandom = mulberry32(20261207);
	const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
	const dayMs = 24 * 3600 * 1000;
	const weekMs = 7 * dayMs;
	// Six weeks less a day: the pages' default range (the last 42 days, from midnight) holds every take, so
	// the figures a newcomer sees are the same whatever the time of day the demo was loaded.
	const start = now.getTime() - 41 * dayMs;
	const items: Record<string, unknown>[] = [];
	let shotNumber = 0;

	for (const project of PROJECTS) {
		// The project's families that this catalog has; an edited catalog without them tries all it has.
		const tried = Object.entries(project.families).filter(([f]) => families.has(f));
		const choices: [string, number][] = tried.length > 0 ? tried : [...families.keys()].map((f) => [f, 1]);
		for (let week = 0; week < 6; week++) {
			for (let s = 0; s < project.shotsPerWeek; s++) {
				const shotId = `${project.slug}-shot-${++shotNumber}`;
				const family = weighted(choices, random);
				const choice = families.get(family)!;
				const scene = pick(project.scenes);
				const difficulty = Math.max(...scene.tags.map((t) => DIFFICULTY[t] ?? 0));
				const premium = random() < 0.5;
				const tier = premium ? choice.premium : choice.base;
				const keep = keepChance((KEEP[family] ?? KEEP_OTHERWISE)[premium ? 'premium' : 'base'], difficulty);
				const duration = pick([4, 5, 8, 8, 10]);
				const creator = pick(CREATORS);
				let t = start + week * weekMs + random() * (weekMs - dayMs - 6 * 3600 * 1000);
				for (let take = 1; take <= 6; take++) {
					t += (20 + random() * 90) * 60 * 1000;
					if (t > now.getTime() - 60_000) break;
					// The newest takes are still waiting for review.
					const awaitingReview = now.getTime() - t < 3 * dayMs && random() < 0.6;
					const failed = random() < 0.04;
					const kept = !failed && random() < keep;
					const verdict = failed ? 'reject' : awaitingReview ? 'pending' : kept ? 'keep' : 'reject';
					items.push({
						id: `${shotId}-take-${take}`,
						project: project.slug,
						model: tier.model,
						durationSeconds: duration,
						resolution: tier.resolution,
						status: failed ? 'failed' : 'succeeded',
						verdict,
						...(verdict === 'reject' && !failed
							? { rejectReason: rejectReason(scene.clip, premium, random) }
							: {}),
						// Only a clip someone watched to a verdict took review time.
						...(verdict !== 'pending' && !failed
							? { reviewSeconds: reviewSeconds(premium, kept, difficulty, reviewRandom) }
							: {}),
						createdAt: new Date(t).toISOString(),
						shotId,
						tags: scene.tags,
						prompt: `${scene.prompt}, cinematic lighting`,
						generationSeconds: Math.round((premium ? 95 : 38) * (0.7 + random() * 0.6)),
						creator,
						// A failed generation has no clip to link to.
						...(failed ? {} : { videoUrl: demoClipUrl(scene.clip, premium ? 'premium' : 'base') })
					});
					if (verdict !== 'reject') break;
				}
			}
		}
	}

	for (let i = 0; i < items.length; i += 1000) {
		await ingest(db, workspaceId, { attempts: items.slice(i, i + 1000) }, now);
	}
	// A labour rate, unless the workspace has one, so the overview shows the whole cost of a usable clip
	// (review time included) from the start; an admin changes or clears it in Settings > Workspace.
	await db
		.update(workspaces)
		.set({ laborMicrosPerHour: DEMO_LABOR_MICROS_PER_HOUR })
		.where(and(eq(workspaces.id, workspaceId), isNull(workspaces.laborMicrosPerHour)));
	return { attempts: items.length };
}
