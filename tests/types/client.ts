// Compiled by `npm run check`, never run: the client's methods are typed from the OpenAPI document, so a
// change to the API's schemas that breaks a caller fails the check. Each @ts-expect-error must stay an error.
import { createClient, type Attempt } from '../../client/index.js';

const client = createClient({ url: 'http://localhost:3000', key: 'kr_example' });

export async function typedCalls() {
	const attempt: Attempt = { id: 'a-1', project: 'launch', model: 'sora-2', durationSeconds: 8 };
	const result = await client.logAttempts([attempt]);
	const accepted: number = result.accepted;

	// @ts-expect-error durationSeconds is a number
	await client.logAttempts([{ ...attempt, durationSeconds: '8' }]);
	// @ts-expect-error an unknown field is refused
	await client.logAttempts([{ ...attempt, costUSD: 1 }]);
	// @ts-expect-error a verdict is keep, reject or pending
	await client.setVerdict('a-1', 'maybe');

	const { models, comparisons } = await client.summary({ from: '2026-11-01', tag: ['close-up'] });
	const keepRate: number | null = models[0].keepRate;
	const recommendation: 'premium' | 'base' | 'undecided' | null = comparisons[0].recommendation;
	// @ts-expect-error keepRate may be null
	const notNull: number = models[0].keepRate;
	// @ts-expect-error there is no such figure
	void models[0].costPerClip;

	const { pairs } = await client.recommendations({ whatIf: 'creator', segmentsBy: 'tag' });
	const rationale: string = pairs[0].overall.rationale;
	// @ts-expect-error scene tags split attempts, so the what-if does not run over them
	await client.recommendations({ whatIf: 'tag' });

	const report = await client.importFile('id,project\n', { type: 'csv', dryRun: true });
	const line: number = report.refused[0].line;
	const week: string = (await client.weekly({ week: '2026-W48' })).week;
	const verdict: 'keep' | 'reject' | 'pending' = (await client.getAttempt('a-1')).verdict;
	return { accepted, keepRate, recommendation, notNull, rationale, line, week, verdict };
}
