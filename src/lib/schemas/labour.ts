// The labour rate, in USD per hour (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip): as a
// query parameter (laborUsdPerHour=) and in the workspace settings form; both give micro-dollars per hour.
import { z } from 'zod';
import { usdToMicros } from '$lib/metrics/money';

/** Far above any reviewer's rate: a bigger number is a typo (cents for dollars), not a rate. */
export const MAX_LABOR_USD_PER_HOUR = 10_000;

const RATE = /^\d{1,5}(\.\d{1,6})?$/;
const message = `must be a number of USD per hour from 0 to ${MAX_LABOR_USD_PER_HOUR}, e.g. 45 or 37.50`;

/** A rate as text (a query or a form sends text): USD per hour with at most six decimals. */
const rateText = z
	.string()
	.trim()
	.max(20)
	// One check, so that one bad value gives one message.
	.refine((v) => RATE.test(v) && Number(v) <= MAX_LABOR_USD_PER_HOUR, message)
	.transform((v) => usdToMicros(Number(v)));

/** `laborUsdPerHour=` on a figure endpoint: overrides the workspace's rate for that answer. */
export const laborRateQuerySchema = rateText;

/** The Settings form's field: empty unsets the rate (null); absent (an older form) leaves it as it is. */
export const laborRateFormField = z.union([z.literal('').transform(() => null), rateText]).optional();
