// The labour rate, in USD per hour (docs/figures.md#review-labour-the-whole-cost-of-a-usable-clip): as a
// query parameter (laborUsdPerHour=) and in the workspace settings form; both give micro-dollars per hour.
import { z } from 'zod';
import { usdToMicros } from '$lib/metrics/money';

/** Far above any reviewer's rate: a bigger number is a typo (cents for dollars), not a rate. */
export const MAX_LABOR_USD_PER_HOUR = 10_000;

const RATE = /^\d{1,5}(\.\d{1,6})?$/;
const message = `must be a number of USD per hour from 0 to ${MAX_LABOR_USD_PER_HOUR}, e.g. 45 or 37.50`;

const isRate = (v: string) => RATE.test(v) && Number(v) <= MAX_LABOR_USD_PER_HOUR;

/** A rate as text (a query or a form sends text): USD per hour with at most six decimals. */
const rateText = z
	.string()
	.trim()
	// One check, so that one bad value gives one message.
	.refine(isRate, message)
	.transform((v) => usdToMicros(Number(v)));

/** `laborUsdPerHour=` on a figure endpoint: overrides the workspace's rate for that answer. */
export const laborRateQuerySchema = rateText;

/** The Settings form's field: empty unsets the rate (null). */
export const laborRateFormField = z
	.string()
	.trim()
	.refine((v) => v === '' || isRate(v), message)
	.transform((v) => (v === '' ? null : usdToMicros(Number(v))))
	.optional();
