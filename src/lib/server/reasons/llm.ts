// Reject reasons the rules leave as `other`, placed by a language model: one request per batch, with
// structured output, through the same opt-in, client settings and error handling as scene tags
// (tags/llm.ts). The answer is untrusted: only entries that name an id of the request and a category a
// rule may give are returned; `other` or anything else means "not placed".
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { REJECT_CATEGORIES, RULE_CATEGORY_IDS, type RejectCategory } from '$lib/reasons/categories';
import { answersById, askModel, modelClient, type TaggerOptions } from '../tags/llm';

export interface ReasonToPlace {
	id: string;
	reason: string;
}

export interface ReasonClassifier {
	classify(reasons: ReasonToPlace[], signal?: AbortSignal): Promise<Map<string, RejectCategory>>;
}

// A reason is a short note; the cap bounds a batch's size and cost.
export const MAX_REASON_CHARS = 500;

const answerFormat = zodResponseFormat(
	z.object({ results: z.array(z.object({ id: z.string(), category: z.enum(RULE_CATEGORY_IDS) })) }),
	'reject_categories'
);

// Looser than the format sent: a bad entry is dropped on its own instead of spoiling the whole batch.
const answerEnvelope = z.object({ results: z.array(z.object({ id: z.string(), category: z.string() })) });

const instructions = [
	'You sort reviewers’ reasons for rejecting AI-generated video clips into categories, to find out why',
	'clips fail. Answer with one category per reason, from this list only:',
	...REJECT_CATEGORIES.filter((c) => RULE_CATEGORY_IDS.includes(c.id)).map((c) => `- ${c.id}: ${c.label}`),
	'Use "other" when none fits. The user message is a JSON array of {id, reason}; answer with one result',
	'per id, the same ids.'
].join('\n');

export function createReasonClassifier(options: TaggerOptions): ReasonClassifier {
	const client = modelClient(options);
	return {
		async classify(reasons, signal) {
			if (reasons.length === 0) return new Map();
			const request = reasons.map((r) => ({ id: r.id, reason: r.reason.slice(0, MAX_REASON_CHARS) }));
			const content = await askModel(
				client,
				options.model,
				options.timeoutMs,
				{ instructions, batch: request, format: answerFormat },
				signal
			);
			return validAnswers(content, new Set(request.map((r) => r.id)));
		}
	};
}

// Only a category a rule may give places a reason; `other` or anything else leaves it where it is.
const validAnswers = (content: string | null | undefined, ids: Set<string>): Map<string, RejectCategory> =>
	answersById(content, answerEnvelope, ids, ({ category }) =>
		category !== 'other' && RULE_CATEGORY_IDS.includes(category as RejectCategory)
			? (category as RejectCategory)
			: null
	);
