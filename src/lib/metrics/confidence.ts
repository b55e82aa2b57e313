// docs/figures.md#how-sure-are-we: Jeffreys posteriors of keep rates, and how likely the premium model of a
// pair is to have the lower cost per kept clip. Pure numerics, no dependencies, deterministic.
import { memo } from './memo';

export type Recommendation = 'premium' | 'base' | 'undecided';

interface Outcomes {
	kept: number;
	decided: number;
}

/** A Beta(a, b) distribution with its normalising constant computed once. */
interface Beta {
	a: number;
	b: number;
	lnBeta: number;
}

interface Node {
	x: number;
	/** Base posterior cdf at x. */
	f: number;
	/** Premium posterior cdf at costRatio * x. */
	g: number;
	/** dg/df at x; NaN where unknown (the ends, where a density may be infinite). */
	slope: number;
}

/**
 * The numerics, as one function that uses nothing from outside itself: the server runs the very same code
 * on a worker thread from its source text (server/stats-thread.ts), so both give the same numbers. The
 * exports below are these functions with their results remembered.
 */
export function numerics() {
	// Lanczos (g = 7, 9 terms): ~1e-15 relative, enough for the 1e-10 asked of betaCdf.
	const LANCZOS = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
		12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
	];

	function lnGamma(z: number): number {
		// The series is accurate from 1/2 up; reflect smaller shapes into that range.
		if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
		const w = z - 1;
		let series = LANCZOS[0];
		for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (w + i);
		const t = w + 7.5;
		return 0.5 * Math.log(2 * Math.PI) + (w + 0.5) * Math.log(t) - t + Math.log(series);
	}

	const beta = (a: number, b: number): Beta => ({ a, b, lnBeta: lnGamma(a) + lnGamma(b) - lnGamma(a + b) });

	/** The posterior of a keep rate under the Jeffreys prior Beta(1/2, 1/2); null without decided attempts. */
	function jeffreys({ kept, decided }: Outcomes): Beta | null {
		if (!(Number.isFinite(decided) && decided > 0 && kept >= 0 && kept <= decided)) return null;
		return beta(kept + 0.5, decided - kept + 0.5);
	}

	// Both take ln x and ln(1 - x) from a caller that needs them at the same point for the other as well.
	const lnDensity = (d: Beta, x: number, lnX = Math.log(x), ln1mX = Math.log1p(-x)): number =>
		(d.a - 1) * lnX + (d.b - 1) * ln1mX - d.lnBeta;

	// Lentz's method; a lone zero denominator is nudged rather than allowed to poison the product.
	const nonZero = (v: number): number => (Math.abs(v) < 1e-300 ? 1e-300 : v);

	function continuedFraction(x: number, a: number, b: number): number {
		let c = 1;
		let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
		let h = d;
		// Converges in O(sqrt(max(a, b))) terms below the switch point; the cap only guards against NaN input.
		for (let m = 1; m <= 100_000; m++) {
			const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
			d = 1 / nonZero(1 + even * d);
			c = nonZero(1 + even / c);
			h *= d * c;
			const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
			d = 1 / nonZero(1 + odd * d);
			c = nonZero(1 + odd / c);
			h *= d * c;
			if (Math.abs(d * c - 1) < 1e-15) break;
		}
		return h;
	}

	function cdf(d: Beta, x: number, lnX = Math.log(x), ln1mX = Math.log1p(-x)): number {
		if (x <= 0) return 0;
		if (x >= 1) return 1;
		const front = Math.exp(d.a * lnX + d.b * ln1mX - d.lnBeta);
		// The fraction converges quickly only below the mean; above it use I_x(a, b) = 1 - I_(1-x)(b, a).
		if (x < (d.a + 1) / (d.a + d.b + 2)) return (front * continuedFraction(x, d.a, d.b)) / d.a;
		return 1 - (front * continuedFraction(1 - x, d.b, d.a)) / d.b;
	}

	function quantile(d: Beta, p: number): number {
		if (p <= 0) return 0;
		if (p >= 1) return 1;
		let lo = 0;
		let hi = 1;
		let x = d.a / (d.a + d.b);
		for (let i = 0; i < 300; i++) {
			const [lnX, ln1mX] = [Math.log(x), Math.log1p(-x)];
			const miss = cdf(d, x, lnX, ln1mX) - p;
			if (miss === 0) return x;
			if (miss < 0) lo = x;
			else hi = x;
			// Newton, but a step leaving the bracket (the density is infinite or vanishing near an end) bisects.
			let next = x - miss / Math.exp(lnDensity(d, x, lnX, ln1mX));
			if (!(next > lo && next < hi)) next = (lo + hi) / 2;
			if (Math.abs(next - x) <= 1e-13 * next) return next;
			x = next;
		}
		return x;
	}

	// Worst-case error of the integral below: a proven bound, not an estimate (floating-point rounding adds
	// ~1e-12). A tenth of the 1e-3 promised, because the grid it takes is still small (~150 nodes at most).
	const INTEGRAL_TOLERANCE = 1e-4;

	/**
	 * E[F_P(c X_B)], i.e. P(keepRate_P <= c keepRate_B), as the Stieltjes integral of g over f on a grid.
	 * Each cell's trapezoid error is bounded: always by half of df * dg (g lies between its end values), and,
	 * where the slope dg/df is monotone, by the triangle between the chord and the two end tangents (g against
	 * f is then convex or concave), which shrinks as the cube of the cell. d(ln slope)/dx is a quadratic over
	 * a positive factor, so its roots split [0, 1/c] into pieces of monotone slope; cells never straddle them.
	 * The cells with the largest bounds are halved until the bounds sum below the tolerance.
	 *
	 * With `settled`, a caller that needs only the recommendation of the probability may stop sooner: after
	 * each round it is asked with the integral so far and how far the finished integral can be from it, and
	 * a true answer ends the refinement there. That distance is twice the bounds' sum: the finished integral
	 * and the current one are each within their bounds' sum of the exact value, and halving a cell never
	 * raises its bound (each half's crude rectangle and tangent triangle lie inside the cell's own).
	 */
	function premiumCdfAtScaledBase(
		base: Beta,
		premium: Beta,
		c: number,
		settled?: (integral: number, distance: number) => boolean
	): number {
		const end = Math.min(1, 1 / c);
		const node = (x: number): Node => {
			const cx = c * x;
			const [lnX, ln1mX, lnCx, ln1mCx] = [Math.log(x), Math.log1p(-x), Math.log(cx), Math.log1p(-cx)];
			return {
				x,
				f: cdf(base, x, lnX, ln1mX),
				g: cdf(premium, cx, lnCx, ln1mCx),
				slope:
					x > 0 && x < end
						? c * Math.exp(lnDensity(premium, cx, lnCx, ln1mCx) - lnDensity(base, x, lnX, ln1mX))
						: NaN
			};
		};
		let nodes = startingPoints(base, premium, c, end).map(node);
		for (let round = 0; round < 60; round++) {
			const bounds = nodes.slice(1).map((right, i) => cellBound(nodes[i], right));
			const total = bounds.reduce((sum, e) => sum + e, 0);
			if (total <= INTEGRAL_TOLERANCE) break;
			// 1e-8 more for the cdfs' own error (1e-10 each) and rounding.
			if (settled?.(trapezoids(nodes), 2 * total + 1e-8)) break;
			const next = [nodes[0]];
			bounds.forEach((e, i) => {
				if (e > total / bounds.length) next.push(node((nodes[i].x + nodes[i + 1].x) / 2));
				next.push(nodes[i + 1]);
			});
			nodes = next;
		}
		return trapezoids(nodes);
	}

	function trapezoids(nodes: Node[]): number {
		let integral = 0;
		for (let i = 1; i < nodes.length; i++) {
			integral += ((nodes[i].f - nodes[i - 1].f) * (nodes[i].g + nodes[i - 1].g)) / 2;
		}
		return integral;
	}

	function cellBound(left: Node, right: Node): number {
		const df = right.f - left.f;
		const dg = right.g - left.g;
		if (!(df > 0 && dg > 0)) return 0;
		const crude = (df * dg) / 2;
		const lo = Math.min(left.slope, right.slope);
		const hi = Math.max(left.slope, right.slope);
		if (Number.isNaN(lo) || Number.isNaN(hi)) return crude;
		const chord = dg / df;
		let triangle = 0;
		if (hi === Infinity) triangle = (df * Math.max(0, dg - lo * df)) / 2;
		else if (hi > lo)
			triangle = (df * df * Math.max(0, hi - chord) * Math.max(0, chord - lo)) / (2 * (hi - lo));
		return Math.min(crude, triangle);
	}

	function startingPoints(base: Beta, premium: Beta, c: number, end: number): number[] {
		const points = [0, end, 1];
		// Where d(ln slope)/dx changes sign: A x^2 + B x + C with the coefficients below (see the doc above).
		const C = premium.a - base.a;
		const A = c * (C + premium.b - base.b);
		const B = base.b - 1 - c * (premium.b - 1) - C * (1 + c);
		const disc = B * B - 4 * A * C;
		if (disc >= 0) {
			// The stable form of the quadratic formula; a root lost to A = 0 or q = 0 comes out non-finite.
			const q = -(B + (B >= 0 ? 1 : -1) * Math.sqrt(disc)) / 2;
			points.push(q / A, C / q);
		}
		// A first grid over both bulks (+-10 sd), so the refinement starts where the mass is.
		for (const [d, scale] of [
			[base, 1],
			[premium, c]
		] as const) {
			const mean = d.a / (d.a + d.b);
			const sd = Math.sqrt((mean * (1 - mean)) / (d.a + d.b + 1));
			const from = Math.max(0, mean - 10 * sd) / scale;
			const to = Math.min(1, mean + 10 * sd) / scale;
			for (let i = 0; i <= 16; i++) points.push(from + ((to - from) * i) / 16);
		}
		const inside = points.filter((x) => Number.isFinite(x) && x > 0 && x < end);
		return [...new Set([0, end, 1, ...inside])].sort((x, y) => x - y);
	}

	const probabilityOf = (integral: number) => Math.min(1, Math.max(0, 1 - integral));

	/** The same probability, or (`forRecommendation`) one with the same recommendation, found sooner. */
	function probability(
		base: Outcomes,
		premium: Outcomes,
		costRatio: number | null,
		forRecommendation = false
	): number | null {
		const b = jeffreys(base);
		const p = jeffreys(premium);
		if (!b || !p || costRatio === null || !Number.isFinite(costRatio) || costRatio <= 0) return null;
		// Every integral within `distance` recommends the same: probabilityOf and recommend are monotone.
		const settled = (integral: number, distance: number) =>
			recommend(probabilityOf(integral - distance)) === recommend(probabilityOf(integral + distance));
		return probabilityOf(premiumCdfAtScaledBase(b, p, costRatio, forRecommendation ? settled : undefined));
	}

	/** 'premium' when p >= 0.9, 'base' when p <= 0.1, otherwise 'undecided'; null when p is null. */
	function recommend(p: number | null): Recommendation | null {
		if (p === null) return null;
		return p >= 0.9 ? 'premium' : p <= 0.1 ? 'base' : 'undecided';
	}

	const MOST_EXTRA_ATTEMPTS = 100_000;

	/** `extra` more decided attempts at the observed keep rate (kept may become fractional). */
	const grow = ({ kept, decided }: Outcomes, extra: number): Outcomes => ({
		kept: (kept * (decided + extra)) / decided,
		decided: decided + extra
	});

	function search(
		base: Outcomes,
		premium: Outcomes,
		costRatio: number | null,
		p: number | null
	): number | null {
		const now = recommend(p);
		if (p === null || now === null) return null;
		if (now !== 'undecided') return 0;
		const settles = (extra: number): boolean => {
			const toBase = Math.min(
				extra - 1,
				Math.max(1, (extra * base.decided) / (base.decided + premium.decided))
			);
			return (
				recommend(probability(grow(base, toBase), grow(premium, extra - toBase), costRatio, true)) !==
				'undecided'
			);
		};
		// The smallest whole number that settles it, searched from a first guess (the normal approximation:
		// the probit of the probability grows with the square root of the sample), in steps that grow until
		// they cross the answer, then halving. Every answer is one seen to settle, with one fewer seen not to
		// (or 2, the least the split allows): about 8 evaluations where doubling from 2 took about 20.
		let settled = settleGuess(p, base.decided + premium.decided);
		let unsettled = 1;
		if (settles(settled)) {
			for (let factor = 0.9; settled > 2; factor *= factor) {
				const lower = Math.max(2, Math.floor(settled * factor));
				if (!settles(lower)) {
					unsettled = lower;
					break;
				}
				settled = lower;
			}
		} else {
			for (let factor = 1.1; ; factor *= factor) {
				if (settled >= MOST_EXTRA_ATTEMPTS) return null;
				unsettled = settled;
				settled = Math.min(MOST_EXTRA_ATTEMPTS, Math.ceil(settled * factor) + 1);
				if (settles(settled)) break;
			}
		}
		while (settled - unsettled > 1) {
			const middle = Math.floor((settled + unsettled) / 2);
			if (settles(middle)) settled = middle;
			else unsettled = middle;
		}
		return settled;
	}

	/** Where the probability p, now on `decided` attempts, would leave (0.1, 0.9): extra attempts, 2..max. */
	function settleGuess(p: number, decided: number): number {
		const now = Math.abs(probit(p));
		const target = probit(0.9);
		const scale = now < 1e-6 ? Infinity : (target / now) ** 2;
		const extra = Math.ceil((scale - 1) * decided);
		return Math.min(MOST_EXTRA_ATTEMPTS, Math.max(2, Number.isFinite(extra) ? extra : MOST_EXTRA_ATTEMPTS));
	}

	/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
	function probit(p: number): number {
		const a = [
			-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
			2.506628277459239
		];
		const b = [
			-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572
		];
		const c = [
			-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
			2.938163982698783
		];
		const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
		const low = 0.02425;
		if (p <= 0) return -Infinity;
		if (p >= 1) return Infinity;
		if (p < low || p > 1 - low) {
			const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
			const x =
				(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
				((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
			return p < low ? x : -x;
		}
		const q = p - 0.5;
		const r = q * q;
		return (
			((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
		);
	}

	// The keys results are remembered by (String(x) tells doubles apart).
	const keyOf = (base: Outcomes, premium: Outcomes, costRatio: number | null) =>
		`${base.kept},${base.decided},${premium.kept},${premium.decided},${costRatio}`;
	const intervalKey = ({ kept, decided }: Outcomes) => `${kept},${decided}`;

	function interval(outcomes: Outcomes): [number, number] | null {
		const posterior = jeffreys(outcomes);
		return posterior === null ? null : [quantile(posterior, 0.025), quantile(posterior, 0.975)];
	}

	/**
	 * What the advice of each probe's segment asks for, computed and keyed as the functions below remember
	 * it: the probability at each cost ratio, the attempts to settle at the first when it leaves the pair
	 * undecided, and the keep-rate intervals.
	 */
	function figuresOf(probes: Probe[]): Figures {
		const out: Figures = { probabilities: [], searches: [], intervals: [] };
		for (const { base, premium, ratios, intervals } of probes) {
			ratios.forEach((ratio, i) => {
				const p = probability(base, premium, ratio);
				out.probabilities.push([keyOf(base, premium, ratio), p]);
				if (i === 0 && recommend(p) === 'undecided')
					out.searches.push([keyOf(base, premium, ratio), search(base, premium, ratio, p)]);
			});
			for (const o of intervals) out.intervals.push([intervalKey(o), interval(o)]);
		}
		return out;
	}

	return { beta, cdf, quantile, probability, recommend, search, keyOf, intervalKey, interval, figuresOf };
}

const {
	beta,
	cdf,
	quantile,
	probability,
	search,
	recommend: recommendation,
	keyOf,
	intervalKey,
	interval,
	figuresOf: computedFigures
} = numerics();

/** The statistics one segment's advice needs (advice.ts's segmentProbe makes it). */
export interface Probe {
	base: Outcomes;
	premium: Outcomes;
	/** The cost ratios its probabilities are asked at: the bill's first. */
	ratios: (number | null)[];
	/** The outcomes whose keep-rate intervals it shows. */
	intervals: Outcomes[];
}

/** Probabilities, attempts to settle and intervals, by the keys they are remembered by. */
export interface Figures {
	probabilities: [string, number | null][];
	searches: [string, number | null][];
	intervals: [string, [number, number] | null][];
}

/** The figures of `probes`, computed (on whichever thread runs it: numerics has the same function). */
export const figuresOf: (probes: Probe[]) => Figures = computedFigures;

/** Remember figures computed elsewhere (another thread, by the same code): the advice then finds them. */
export function remember({ probabilities: p, searches: s, intervals: i }: Figures): void {
	for (const [key, value] of p) probabilities.set(key, value);
	for (const [key, value] of s) searches.set(key, value);
	for (const [key, value] of i) intervals.set(key, value);
}

/** How many results each memo holds (tests: remembered figures are found, not computed again). */
export const rememberedSizes = () => ({
	probabilities: probabilities.size(),
	searches: searches.size(),
	intervals: intervals.size()
});

/** Regularized incomplete beta I_x(a, b), a,b > 0, 0 <= x <= 1. Accurate to ~1e-10. */
export function betaCdf(x: number, a: number, b: number): number {
	return a > 0 && b > 0 ? cdf(beta(a, b), x) : NaN;
}

/** Inverse of betaCdf in x: the p-quantile of Beta(a, b). Accurate to 1e-9. */
export function betaQuantile(p: number, a: number, b: number): number {
	return a > 0 && b > 0 && !Number.isNaN(p) ? quantile(beta(a, b), p) : NaN;
}

/**
 * 95% Jeffreys interval: [2.5%, 97.5%] quantiles of Beta(kept + 0.5, decided - kept + 0.5);
 * null when decided = 0.
 */
export function keepRateInterval(kept: number, decided: number): [number, number] | null {
	const remembered = intervals.get(intervalKey({ kept, decided }), () => interval({ kept, decided }));
	// A copy: the remembered pair is never handed out to be changed.
	return remembered && [remembered[0], remembered[1]];
}

// Every model row and segment tier has one; a recommendations read shows a few hundred.
const intervals = memo<[number, number] | null>(4096);

/**
 * P(keepRate_P / keepRate_B > costRatio) under independent Jeffreys posteriors
 * Beta(kB+0.5, dB-kB+0.5) and Beta(kP+0.5, dP-kP+0.5). costRatio > 0. null when either decided is 0
 * or costRatio is null/not finite/<= 0. Must be exact to +-0.001 (numerical integration, deterministic).
 */
export function probabilityPremiumCheaper(
	base: Outcomes,
	premium: Outcomes,
	costRatio: number | null
): number | null {
	return probabilities.get(keyOf(base, premium, costRatio), () => probability(base, premium, costRatio));
}

// A recommendations read integrates a few hundred pairs of segments, and searches a few dozen; the weekly
// review and the overview a few pairs each. Remembered by their inputs.
const probabilities = memo<number | null>(4096);
const searches = memo<number | null>(1024);

/** 'premium' when p >= 0.9, 'base' when p <= 0.1, otherwise 'undecided'; null when p is null. */
export const recommend: (p: number | null) => Recommendation | null = recommendation;

/**
 * For an undecided pair: how many more reviewed attempts (in total over both models, split in the
 * current proportion of decided attempts, min 1 each) would likely settle it, assuming the observed keep
 * rates hold (scale kept and decided of both by a factor k, keeping rates fixed, find the smallest k at
 * which the probability leaves (0.1, 0.9)). Return the extra attempts, rounded up to a whole number.
 * null when it would take more than 100000 extra attempts (the rates are too close to ever settle
 * usefully) or when inputs are null. 0 when already decided. `p` is probabilityPremiumCheaper of the
 * same arguments, when the caller has it.
 */
export function attemptsToSettle(
	base: Outcomes,
	premium: Outcomes,
	costRatio: number | null,
	// The caller has usually just computed it: each evaluation is an integration.
	p: number | null = probabilityPremiumCheaper(base, premium, costRatio)
): number | null {
	return searches.get(keyOf(base, premium, costRatio), () => search(base, premium, costRatio, p));
}
