import { describe, expect, test } from 'vitest';
import {
	attemptsToSettle,
	betaCdf,
	betaQuantile,
	keepRateInterval,
	probabilityPremiumCheaper,
	recommend
} from '$lib/metrics/confidence';

const arcsineCdf = (x: number) => (2 / Math.PI) * Math.asin(Math.sqrt(x));

/** P(Binomial(n, x) >= k), which equals I_x(k, n - k + 1) for whole k and n. */
function binomialTail(k: number, n: number, x: number): number {
	let pmf = Math.pow(1 - x, n);
	let below = 0;
	for (let i = 0; i < k; i++) {
		below += pmf;
		pmf *= ((n - i) / (i + 1)) * (x / (1 - x));
	}
	return 1 - below;
}

describe('betaCdf', () => {
	test.each([
		['symmetric at the middle, a = 1/2', 0.5, 0.5, 0.5, 0.5],
		['symmetric at the middle, a = 2.5', 0.5, 2.5, 2.5, 0.5],
		['symmetric at the middle, a = 1000', 0.5, 1000, 1000, 0.5],
		['symmetric at the middle, a = 5000.5', 0.5, 5000.5, 5000.5, 0.5],
		['uniform', 0.37, 1, 1, 0.37],
		['arcsine near 0', 0.001, 0.5, 0.5, arcsineCdf(0.001)],
		['arcsine', 0.25, 0.5, 0.5, arcsineCdf(0.25)],
		['arcsine near 1', 0.999, 0.5, 0.5, arcsineCdf(0.999)],
		['Beta(a, 1) is x^a', 0.3, 3.5, 1, Math.pow(0.3, 3.5)],
		['Beta(1/2, 1) is sqrt(x)', 0.8, 0.5, 1, Math.sqrt(0.8)],
		['Beta(1, b) is 1 - (1 - x)^b', 0.2, 1, 7, 1 - Math.pow(0.8, 7)],
		['Beta(2, 2) is 3x^2 - 2x^3', 0.3, 2, 2, 3 * 0.09 - 2 * 0.027],
		[
			'0 kept of 1: Beta(1/2, 3/2)',
			0.1,
			0.5,
			1.5,
			(2 / Math.PI) * (Math.asin(Math.sqrt(0.1)) + Math.sqrt(0.1 * 0.9))
		],
		['binomial tail, n = 100', 0.3, 30, 71, binomialTail(30, 100, 0.3)],
		['binomial tail, n = 400', 0.62, 250, 151, binomialTail(250, 400, 0.62)],
		// mpmath 1.3 at 30 digits (hypergeometric form), agreeing with scipy's betainc.
		['tabulated, Beta(2.5, 7.5)', 0.2, 2.5, 7.5, 0.4012386982471916],
		['tabulated, 0 kept of 10', 0.05, 0.5, 10.5, 0.6949379969425897],
		['tabulated, 64 kept of 100', 0.7, 64.5, 36.5, 0.9032798182123126],
		['tabulated, 0 kept of 10000', 0.0001, 0.5, 10000.5, 0.8427163596646358],
		['tabulated, all kept of 5000', 0.999, 5000.5, 0.5, 0.0015607310354031506],
		['tabulated, 5000 kept of 10000', 0.51, 5000.5, 5000.5, 0.9772633651520739],
		['tabulated, 50000 kept of 100000', 0.498, 50000.5, 50000.5, 0.10295013153062645],
		['tabulated, shapes below 1/2', 0.3, 0.1, 0.2, 0.6228433547203174],
		['at 0', 0, 0.5, 0.5, 0],
		['at 1', 1, 0.5, 0.5, 1],
		['at 0, bell-shaped', 0, 3, 4, 0],
		['at 1, bell-shaped', 1, 3, 4, 1]
	])('%s: I_%s(%s, %s) = %s', (_label, x, a, b, expected) => {
		expect(betaCdf(x, a, b)).toBeCloseTo(expected, 10);
	});
});

describe('betaQuantile', () => {
	const arcsineQuantile = (p: number) => Math.pow(Math.sin((Math.PI * p) / 2), 2);

	test.each([
		['arcsine, 2.5% (R: qbeta(0.025, 0.5, 0.5) = 0.001541333...)', 0.025, 0.5, 0.5, arcsineQuantile(0.025)],
		['arcsine, 97.5%', 0.975, 0.5, 0.5, arcsineQuantile(0.975)],
		['arcsine, median', 0.5, 0.5, 0.5, 0.5],
		['arcsine, far tail', 1e-6, 0.5, 0.5, arcsineQuantile(1e-6)],
		['Beta(a, 1) is p^(1/a)', 0.3, 2.5, 1, Math.pow(0.3, 1 / 2.5)],
		['Beta(1/2, 1) is p^2', 0.9, 0.5, 1, 0.81],
		['Beta(1, b) is 1 - (1 - p)^(1/b)', 0.7, 1, 4, 1 - Math.pow(0.3, 1 / 4)],
		['p = 0', 0, 0.5, 0.5, 0],
		['p = 1', 1, 0.5, 0.5, 1],
		['p = 0, bell-shaped', 0, 64.5, 36.5, 0],
		['p = 1, bell-shaped', 1, 64.5, 36.5, 1]
	])('%s', (_label, p, a, b, expected) => {
		expect(Math.abs(betaQuantile(p, a, b) - expected)).toBeLessThan(1e-9);
	});

	test.each([
		[0.025, 0.5, 10.5],
		[0.975, 10.5, 0.5],
		[1e-9, 0.5, 0.5],
		[1 - 1e-9, 0.5, 1.5],
		[0.5, 64.5, 36.5],
		[0.001, 3, 2],
		[0.999, 2, 3],
		[0.025, 0.5, 10000.5],
		[0.975, 5000.5, 5000.5],
		[0.3, 0.1, 0.2]
	])('round trip at p = %s for Beta(%s, %s)', (p, a, b) => {
		expect(betaCdf(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 9);
	});
});

describe('keepRateInterval', () => {
	// mpmath 1.3 at 30 digits (root of betainc), agreeing with scipy's betaincinv.
	test.each([
		[0, 10, 4.789043315758189e-5, 0.21719626750921056],
		[10, 10, 0.7828037324907894, 0.9999521095668424],
		[5, 10, 0.2235286702527052, 0.7764713297472948],
		[64, 100, 0.5430089775946508, 0.729017887759715],
		[0, 1, 0.0003855809807559008, 0.8532536836904249],
		[1, 1, 0.1467463163095751, 0.9996144190192441],
		[1, 3, 0.03874761778516516, 0.8232639028687426],
		[0, 10000, 4.910222708219213e-8, 0.0002511564843832976],
		[5000, 10000, 0.49020136607180276, 0.5097986339281972],
		[9990, 10000, 0.9982267869785467, 0.9994857430175492]
	])('%d kept of %d decided', (kept, decided, lower, upper) => {
		const interval = keepRateInterval(kept, decided);
		expect(interval).not.toBeNull();
		expect(interval![0]).toBeCloseTo(lower, 6);
		expect(interval![1]).toBeCloseTo(upper, 6);
	});

	test.each([
		['nothing decided', 0, 0],
		['more kept than decided', 3, 2]
	])('%s gives no interval', (_label, kept, decided) => {
		expect(keepRateInterval(kept, decided)).toBeNull();
	});
});

/** mulberry32: a tiny seeded PRNG, so the Monte Carlo reference is the same on every run. */
function mulberry32(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function betaSampler(random: () => number) {
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	// Marsaglia and Tsang; shapes below 1 are boosted by one and scaled back by U^(1/shape).
	const gamma = (shape: number): number => {
		if (shape < 1) return gamma(shape + 1) * Math.pow(1 - random(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			let x: number;
			let v: number;
			do {
				x = normal();
				v = 1 + c * x;
			} while (v <= 0);
			v = v * v * v;
			const u = random();
			if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
		}
	};
	return (a: number, b: number) => {
		const x = gamma(a);
		return x / (x + gamma(b));
	};
}

function monteCarlo(
	base: { kept: number; decided: number },
	premium: { kept: number; decided: number },
	costRatio: number,
	draws = 200_000
): number {
	const beta = betaSampler(mulberry32(20_260_101));
	let cheaper = 0;
	for (let i = 0; i < draws; i++) {
		const rateB = beta(base.kept + 0.5, base.decided - base.kept + 0.5);
		const rateP = beta(premium.kept + 0.5, premium.decided - premium.kept + 0.5);
		if (rateP > costRatio * rateB) cheaper++;
	}
	return cheaper / draws;
}

describe('probabilityPremiumCheaper', () => {
	test.each([
		['base kept nothing', { kept: 0, decided: 10 }, { kept: 3, decided: 10 }, 1.5],
		['both kept everything', { kept: 10, decided: 10 }, { kept: 10, decided: 10 }, 1.2],
		['one decided attempt each, base kept it', { kept: 1, decided: 1 }, { kept: 0, decided: 1 }, 0.5],
		['one decided attempt each, premium kept it', { kept: 0, decided: 1 }, { kept: 1, decided: 1 }, 2],
		['large samples, premium ahead', { kept: 2500, decided: 5000 }, { kept: 2700, decided: 5000 }, 1.05],
		['large samples, dead even', { kept: 3000, decided: 5000 }, { kept: 3000, decided: 5000 }, 1],
		['premium cheaper per attempt', { kept: 30, decided: 100 }, { kept: 25, decided: 100 }, 0.8],
		['small samples, premium dearer', { kept: 1, decided: 3 }, { kept: 7, decided: 9 }, 1.7],
		['break-even keep rate above 1', { kept: 60, decided: 100 }, { kept: 95, decided: 100 }, 2],
		['ten times the price, base kept nothing', { kept: 0, decided: 5 }, { kept: 2, decided: 5 }, 10],
		['large base, one premium attempt', { kept: 2000, decided: 5000 }, { kept: 1, decided: 1 }, 1.5],
		['tiny base, large premium', { kept: 0, decided: 2 }, { kept: 1000, decided: 5000 }, 3]
	])('%s matches a seeded Monte Carlo', (_label, base, premium, costRatio) => {
		const p = probabilityPremiumCheaper(base, premium, costRatio);
		expect(p).not.toBeNull();
		expect(Math.abs(p! - monteCarlo(base, premium, costRatio))).toBeLessThan(0.006);
	});

	// Identical posteriors at equal cost: the premium is cheaper exactly half the time, by symmetry.
	test.each([
		[0, 1],
		[1, 1],
		[0, 10],
		[5, 10],
		[0, 10000],
		[5000, 10000],
		[10000, 10000]
	])('a coin toss for %d kept of %d on both sides at equal cost', (kept, decided) => {
		const p = probabilityPremiumCheaper({ kept, decided }, { kept, decided }, 1);
		expect(Math.abs(p! - 0.5)).toBeLessThan(1e-3);
	});

	test('a break-even keep rate above 1 makes the premium almost surely dearer', () => {
		const p = probabilityPremiumCheaper({ kept: 80, decided: 100 }, { kept: 100, decided: 100 }, 2);
		expect(p).toBeGreaterThanOrEqual(0);
		expect(p).toBeLessThan(1e-3);
	});

	test.each([
		['base has nothing decided', { kept: 0, decided: 0 }, { kept: 3, decided: 10 }, 1.5],
		['premium has nothing decided', { kept: 3, decided: 10 }, { kept: 0, decided: 0 }, 1.5],
		['no cost ratio', { kept: 3, decided: 10 }, { kept: 5, decided: 10 }, null],
		['cost ratio NaN', { kept: 3, decided: 10 }, { kept: 5, decided: 10 }, NaN],
		['cost ratio infinite', { kept: 3, decided: 10 }, { kept: 5, decided: 10 }, Infinity],
		['cost ratio 0', { kept: 3, decided: 10 }, { kept: 5, decided: 10 }, 0],
		['cost ratio negative', { kept: 3, decided: 10 }, { kept: 5, decided: 10 }, -1]
	])('null when %s', (_label, base, premium, costRatio) => {
		expect(probabilityPremiumCheaper(base, premium, costRatio)).toBeNull();
	});
});

describe('recommend', () => {
	test.each([
		[0.9, 'premium'],
		[1, 'premium'],
		[0.8999, 'undecided'],
		[0.5, 'undecided'],
		[0.1001, 'undecided'],
		[0.1, 'base'],
		[0, 'base'],
		[null, null]
	])('%s -> %s', (p, expected) => {
		expect(recommend(p)).toBe(expected);
	});
});

describe('attemptsToSettle', () => {
	type Outcomes = { kept: number; decided: number };
	// The documented split: in proportion to the decided attempts, at least one each, at the observed rates.
	function probabilityAfter(base: Outcomes, premium: Outcomes, costRatio: number, extra: number) {
		const toBase = Math.min(
			extra - 1,
			Math.max(1, (extra * base.decided) / (base.decided + premium.decided))
		);
		const grow = ({ kept, decided }: Outcomes, more: number) => ({
			kept: (kept * (decided + more)) / decided,
			decided: decided + more
		});
		return probabilityPremiumCheaper(grow(base, toBase), grow(premium, extra - toBase), costRatio)!;
	}

	test.each([
		['premium clearly cheaper', { kept: 20, decided: 100 }, { kept: 80, decided: 100 }, 1.5],
		['premium clearly dearer', { kept: 80, decided: 100 }, { kept: 20, decided: 100 }, 1.5]
	])('0 when %s already', (_label, base, premium, costRatio) => {
		expect(attemptsToSettle(base, premium, costRatio)).toBe(0);
	});

	test.each([
		['small samples, premium ahead', { kept: 5, decided: 10 }, { kept: 7, decided: 10 }, 1.2],
		['premium behind', { kept: 30, decided: 100 }, { kept: 40, decided: 100 }, 1.5],
		['unequal samples', { kept: 3, decided: 10 }, { kept: 1, decided: 2 }, 1.5],
		['large, close samples', { kept: 500, decided: 1000 }, { kept: 520, decided: 1000 }, 1],
		['one premium attempt', { kept: 0, decided: 1 }, { kept: 1, decided: 1 }, 3],
		['lopsided samples', { kept: 1000, decided: 2000 }, { kept: 3, decided: 5 }, 1.1]
	])('%s: the attempts returned settle it, one fewer does not', (_label, base, premium, costRatio) => {
		expect(recommend(probabilityPremiumCheaper(base, premium, costRatio))).toBe('undecided');
		const extra = attemptsToSettle(base, premium, costRatio);
		expect(extra).toBeGreaterThanOrEqual(2);
		expect(recommend(probabilityAfter(base, premium, costRatio, extra!))).not.toBe('undecided');
		if (extra! > 2) {
			expect(recommend(probabilityAfter(base, premium, costRatio, extra! - 1))).toBe('undecided');
		}
	});

	test('the search from a first guess finds what a search from 2 finds, over many pairs', () => {
		// Doubling from 2, then halving: the plain search, slower but with nothing to get wrong.
		function fromTwo(base: Outcomes, premium: Outcomes, costRatio: number): number | null {
			const settles = (extra: number) =>
				recommend(probabilityAfter(base, premium, costRatio, extra)) !== 'undecided';
			let unsettled = 1;
			let settled = 2;
			while (!settles(settled)) {
				if (settled >= 100_000) return null;
				unsettled = settled;
				settled = Math.min(2 * settled, 100_000);
			}
			while (settled - unsettled > 1) {
				const middle = Math.floor((settled + unsettled) / 2);
				if (settles(middle)) settled = middle;
				else unsettled = middle;
			}
			return settled;
		}
		const random = mulberry32(11);
		let undecided = 0;
		for (let i = 0; i < 300; i++) {
			const decidedB = 1 + Math.floor(random() ** 2 * 3000);
			const decidedP = 1 + Math.floor(random() ** 2 * 3000);
			const base = { kept: Math.floor(random() * (decidedB + 1)), decided: decidedB };
			const premium = { kept: Math.floor(random() * (decidedP + 1)), decided: decidedP };
			const costRatio = 0.5 + random() * 4;
			if (recommend(probabilityPremiumCheaper(base, premium, costRatio)) !== 'undecided') continue;
			undecided++;
			expect(attemptsToSettle(base, premium, costRatio), JSON.stringify({ base, premium, costRatio })).toBe(
				fromTwo(base, premium, costRatio)
			);
		}
		expect(undecided).toBeGreaterThan(20);
	});

	test.each([
		['exactly equal cost per kept clip', { kept: 40, decided: 100 }, { kept: 60, decided: 100 }, 1.5],
		['identical models at the same price', { kept: 20, decided: 50 }, { kept: 20, decided: 50 }, 1],
		['base has nothing decided', { kept: 0, decided: 0 }, { kept: 5, decided: 10 }, 1.2],
		['no cost ratio', { kept: 5, decided: 10 }, { kept: 7, decided: 10 }, null]
	])('null when %s', (_label, base, premium, costRatio) => {
		expect(attemptsToSettle(base, premium, costRatio)).toBeNull();
	});
});
