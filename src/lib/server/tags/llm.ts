// Scene tags from a language model, for a batch of prompts in ONE request, with structured output.
// The model's answer is untrusted input: it is validated entry by entry, and only entries that name an id
// of the request and use vocabulary tags only are returned. An id missing from the returned map means
// "no usable answer for it"; the caller keeps the rule tags. Anything that spoils the whole answer
// (transport, HTTP status, timeout, refusal, invalid JSON) throws a TaggerError instead.
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { SCENE_TAGS, sceneTagSchema, type SceneTag } from '../../tags/vocabulary';

export interface TaggerOptions {
	apiKey: string;
	baseURL?: string;
	model: string;
	timeoutMs: number;
}

export interface PromptToTag {
	id: string;
	prompt: string;
}

export interface Tagger {
	tag(prompts: PromptToTag[], signal?: AbortSignal): Promise<Map<string, SceneTag[]>>;
}

/**
 * Not the prompts' fault, so they stay queued: 'config' (the endpoint refuses us: 401, 403, 404),
 * 'rate-limited' (429) and 'aborted' (we stopped waiting: shutdown). Every other code spoils the batch.
 */
export type TaggerErrorCode =
	'config' | 'rate-limited' | 'aborted' | 'timeout' | 'unreachable' | 'http' | 'refused' | 'malformed';

export class TaggerError extends Error {
	constructor(
		readonly code: TaggerErrorCode,
		message: string
	) {
		super(message);
		this.name = 'TaggerError';
	}
}

// Scene type shows in the first lines of a prompt; the cap bounds a 50-prompt request's size and cost.
export const MAX_PROMPT_CHARS = 2000;

const answerFormat = zodResponseFormat(
	z.object({ results: z.array(z.object({ id: z.string(), tags: z.array(sceneTagSchema) })) }),
	'scene_tags'
);

// Looser than the format sent: a bad entry is dropped on its own instead of spoiling the whole batch.
const answerEnvelope = z.object({
	results: z.array(z.object({ id: z.string(), tags: z.array(z.string()) }))
});

const instructions = [
	'You label prompts for AI video generation with scene tags, to compare how often each model needs a',
	'retake per kind of scene. Tag what the video will show, from this list only:',
	...SCENE_TAGS.map((t) => `- ${t.tag}: ${t.description}`),
	'The user message is a JSON array of {id, prompt}. Answer with one result per id, the same ids,',
	'and an empty tag list when no tag applies. Words the prompt asks to avoid ("no text") do not count.'
].join('\n');

/**
 * One structured-output request to the model: the system instructions, the batch as JSON, the answer's
 * text. A refusal, a cut-off answer and every transport failure become a TaggerError.
 */
export async function askModel(
	client: OpenAI,
	model: string,
	timeoutMs: number,
	request: { instructions: string; batch: unknown; format: ReturnType<typeof zodResponseFormat> },
	signal?: AbortSignal
): Promise<string | null | undefined> {
	try {
		const completion = await client.chat.completions.create(
			{
				model,
				messages: [
					{ role: 'system', content: request.instructions },
					{ role: 'user', content: JSON.stringify(request.batch) }
				],
				response_format: request.format
			},
			{ signal }
		);
		const choice = completion.choices[0];
		if (choice?.message.refusal) throw new TaggerError('refused', 'the model refused to answer');
		if (choice?.finish_reason === 'length') throw new TaggerError('malformed', 'the answer was cut off');
		return choice?.message.content;
	} catch (error) {
		throw asTaggerError(error, timeoutMs);
	}
}

/** The OpenAI client of the operator's settings. One retry rides out a blip; more would hold the batch (and shutdown) for minutes. */
export const modelClient = (options: TaggerOptions): OpenAI =>
	new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 1 });

export function createTagger(options: TaggerOptions): Tagger {
	const client = modelClient(options);
	return {
		async tag(prompts, signal) {
			if (prompts.length === 0) return new Map();
			const request = prompts.map((p) => ({ id: p.id, prompt: p.prompt.slice(0, MAX_PROMPT_CHARS) }));
			const content = await askModel(
				client,
				options.model,
				options.timeoutMs,
				{ instructions, batch: request, format: answerFormat },
				signal
			);
			return validAnswers(content, new Set(request.map((p) => p.id)));
		}
	};
}

/**
 * The usable answers of a model's reply, by id: the reply must be JSON of the envelope's shape (else the
 * whole batch fails); an entry counts when it names an id of the request, once, and `value` accepts it.
 */
export function answersById<E extends { id: string }, V>(
	content: string | null | undefined,
	envelope: z.ZodType<{ results: E[] }>,
	ids: Set<string>,
	value: (entry: E) => V | null
): Map<string, V> {
	let json: unknown;
	try {
		json = JSON.parse(content ?? '');
	} catch {
		throw new TaggerError('malformed', 'the answer is not JSON');
	}
	const parsed = envelope.safeParse(json);
	if (!parsed.success) throw new TaggerError('malformed', 'the answer does not have the expected shape');
	const answers = new Map<string, V>();
	const seen = new Set<string>();
	for (const entry of parsed.data.results) {
		// An id answered twice is ambiguous: neither answer is trusted.
		if (seen.has(entry.id)) answers.delete(entry.id);
		else if (ids.has(entry.id)) {
			const v = value(entry);
			if (v !== null) answers.set(entry.id, v);
		}
		seen.add(entry.id);
	}
	return answers;
}

// A model that invents a tag is not following the schema: its other tags for that id are suspect.
const validAnswers = (content: string | null | undefined, ids: Set<string>): Map<string, SceneTag[]> =>
	answersById(content, answerEnvelope, ids, ({ tags }) => {
		const parsed = z.array(sceneTagSchema).safeParse(tags);
		return parsed.success ? [...new Set(parsed.data)].sort() : null;
	});

// Messages name the failure only: the model's body may echo prompts, which never go to the logs.
export function asTaggerError(error: unknown, timeoutMs: number): TaggerError {
	if (error instanceof TaggerError) return error;
	if (error instanceof APIUserAbortError) return new TaggerError('aborted', 'the request was aborted');
	if (error instanceof APIConnectionTimeoutError)
		return new TaggerError('timeout', `no answer within ${timeoutMs} ms`);
	if (error instanceof APIError && error.status === undefined)
		return new TaggerError('unreachable', 'the model endpoint could not be reached');
	if (error instanceof APIError) {
		const status = error.status as number;
		const code = [401, 403, 404].includes(status) ? 'config' : status === 429 ? 'rate-limited' : 'http';
		return new TaggerError(code, `the model endpoint answered HTTP ${status}`);
	}
	return new TaggerError('malformed', 'the answer could not be read');
}
