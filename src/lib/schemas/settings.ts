import { z } from 'zod';
import { isValidTimeZone } from '$lib/metrics/time-zones';

export const settingsSchema = z.strictObject({
	timeZone: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone, e.g. Europe/Paris or UTC'),
	digestWebhookUrl: z
		.union([z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000), z.literal('')])
		.transform((v) => (v === '' ? null : v))
});
