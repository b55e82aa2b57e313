import { fail } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { REJECT_REASONS } from '$lib/review';
import { playableClipUrl } from '$lib/demo-clips';
import { attemptId, reviewSecondsSchema } from '$lib/schemas/attempt';
import { db } from '$lib/server/app';
import { hasRole, requireRole, workspaceOf } from '$lib/server/context';
import { models } from '$lib/server/db/schema';
import { findAttempt, setVerdict } from '$lib/server/ingest';
import { listProjects } from '$lib/server/queries/projects';
import { nextPending } from '$lib/server/review';

const id = attemptId;
const verdictSchema = z
	.strictObject({
		id,
		verdict: z.enum(['keep', 'reject']).optional(),
		reason: z.enum(REJECT_REASONS).optional(),
		// Measured by the page (components/review/timer.ts); a page without its script sends none.
		reviewSeconds: z.coerce.number().pipe(reviewSecondsSchema).optional()
	})
	.refine((v) => v.verdict !== undefined || v.reason !== undefined, 'Keep or reject?')
	.refine((v) => !(v.verdict === 'keep' && v.reason), 'A kept take has no reject reason.');

/** The oldest pending take of the workspace (of one project when the URL names one). */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, 'viewer');
	const workspaceId = workspaceOf(locals);
	const database = db();
	const asked = url.searchParams.get('project') ?? '';
	const projects = await listProjects(database, workspaceId);
	// An unknown project would show an empty queue that is not empty: show every project instead.
	const project = asked && projects.some((p) => p.slug === asked) ? asked : undefined;
	const { attempt, remaining } = await nextPending(database, workspaceId, project);
	let take = null;
	if (attempt) {
		const [model] = await database
			.select({ displayName: models.displayName })
			.from(models)
			.where(and(eq(models.workspaceId, workspaceId), eq(models.model, attempt.model)));
		take = {
			id: attempt.id,
			project: attempt.project,
			model: attempt.model,
			modelName: model?.displayName ?? attempt.model,
			durationSeconds: attempt.durationSeconds,
			resolution: attempt.resolution,
			shotId: attempt.shotId,
			tags: attempt.tags,
			prompt: attempt.prompt,
			// The demo's clips come from the app itself, whatever its host ($lib/demo-clips).
			videoUrl: playableClipUrl(attempt.videoUrl),
			creator: attempt.creator,
			createdAt: attempt.createdAt,
			// Time reviewers spent on it before (a verdict undone keeps it); null: none measured.
			reviewSeconds: attempt.reviewSeconds
		};
	}
	return {
		take,
		remaining,
		project: project ?? '',
		projectUnknown: asked !== '' && !project,
		projects: projects.map((p) => ({ slug: p.slug, name: p.name })),
		canReview: hasRole(locals.workspace?.role ?? 'viewer', 'member')
	};
};

export const actions: Actions = {
	/** A verdict on a pending take; a take someone else reviewed meanwhile is left as they decided. */
	verdict: async ({ locals, request }) => {
		requireRole(locals, 'member');
		const workspaceId = workspaceOf(locals);
		const form = await request.formData();
		const parsed = verdictSchema.safeParse({
			id: form.get('id'),
			verdict: form.get('verdict') ?? undefined,
			reason: form.get('reason') ?? undefined,
			reviewSeconds: form.get('reviewSeconds') ?? undefined
		});
		if (!parsed.success) return fail(400, { message: parsed.error.issues[0].message });
		const { id: attemptId, reason, reviewSeconds } = parsed.data;
		const verdict = reason ? 'reject' : parsed.data.verdict!;
		const database = db();
		const current = await findAttempt(database, workspaceId, attemptId);
		if (!current) return fail(404, { message: 'That take no longer exists.' });
		if (current.status !== 'succeeded')
			return fail(400, { message: 'That attempt failed: there is no clip to judge.' });
		if (current.verdict !== 'pending') {
			return fail(409, {
				message: `Someone reviewed that take meanwhile (${current.verdict}): here is the next one.`
			});
		}
		const by = `user:${locals.user!.id}`;
		// The queue adds its time: a take reviewed, undone and reviewed again sums both reviews.
		const patch = { verdict, rejectReason: reason, addReviewSeconds: reviewSeconds };
		await setVerdict(database, workspaceId, attemptId, patch, new Date(), by);
		return { done: { id: attemptId, verdict, reason: reason ?? null } };
	},

	/** Back to pending: only a verdict this reviewer gave, and that nobody has changed since. */
	undo: async ({ locals, request }) => {
		requireRole(locals, 'member');
		const workspaceId = workspaceOf(locals);
		const parsed = id.safeParse((await request.formData()).get('id'));
		if (!parsed.success) return fail(400, { message: 'Which take? Reload and try again.' });
		const database = db();
		const current = await findAttempt(database, workspaceId, parsed.data);
		if (!current) return fail(404, { message: 'That take no longer exists.' });
		if (current.verdict === 'pending') return { undone: parsed.data };
		if (current.verdictBy !== `user:${locals.user!.id}`)
			return fail(409, { message: 'Someone else has changed that verdict since: it stays as they set it.' });
		await setVerdict(database, workspaceId, parsed.data, { verdict: 'pending' }, new Date(), null);
		return { undone: parsed.data };
	}
};
