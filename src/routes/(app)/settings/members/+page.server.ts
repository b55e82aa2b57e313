import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { failed, parseForm, refuse } from '$lib/forms/parse';
import { db } from '$lib/server/app';
import { audit } from '$lib/server/audit';
import {
	createUser,
	findUserByEmail,
	membersOf,
	removeMembership,
	setMembership
} from '$lib/server/auth/users';
import { requireRole, workspaceOf, type Role } from '$lib/server/context';
import type { Db } from '$lib/server/db/connection';
import { memberships } from '$lib/server/db/schema';
import { workspaceTimeZone } from '$lib/server/workspaces';

const role = z.enum(['owner', 'admin', 'member', 'viewer'], 'Pick a role.');

const addSchema = z.strictObject({
	email: z.email('Enter an email address.').max(320),
	role,
	password: z.string().max(1000)
});
const roleSchema = z.strictObject({ userId: z.string().min(1).max(100), role });
const removeSchema = z.strictObject({ userId: z.string().min(1).max(100) });

const myRole = (locals: App.Locals): Role => locals.workspace?.role ?? 'viewer';

/**
 * The membership rows of a workspace, the owners' locked until the transaction ends: two admins demoting
 * the last two owners at once must not leave a workspace without one.
 */
async function lockedMembers(tx: Db, workspaceId: string) {
	const owners = await tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
		.for('update');
	return { owners: owners.length, members: await membersOf(tx, workspaceId) };
}

type Member = Awaited<ReturnType<typeof membersOf>>[number];
type Outcome = { refused: { status: 403 | 404; message: string } } | { member: Member };

/** Why the signed-in user may not move a member from one role to another (null: they may). */
function refusal(actor: Role, from: Role, to: Role | null, owners: number): string | null {
	if ((from === 'owner' || to === 'owner') && actor !== 'owner')
		return 'Only an owner may grant or take away the owner role.';
	if (from === 'owner' && to !== 'owner' && owners <= 1)
		return 'This is the last owner: make someone else an owner first.';
	return null;
}

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'admin');
	const workspaceId = workspaceOf(locals);
	const [members, timeZone] = await Promise.all([
		membersOf(db(), workspaceId),
		workspaceTimeZone(db(), workspaceId)
	]);
	return { members, me: locals.user!.id, myRole: myRole(locals), timeZone };
};

export const actions: Actions = {
	add: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		// The initial password is never sent back to the page.
		const parsed = parseForm(await request.formData(), addSchema, { secrets: ['password'] });
		if (!parsed.ok) return failed('add', parsed);
		const invalid = (errors: Record<string, string>) => refuse('add', parsed.values, errors);
		const { email, password } = parsed.data;
		if (parsed.data.role === 'owner' && myRole(locals) !== 'owner')
			return invalid({ role: 'Only an owner may make someone an owner.' });
		const database = db();
		const existing = await findUserByEmail(database, email);
		if (existing && (await membersOf(database, workspaceId)).some((m) => m.id === existing.id))
			return invalid({ email: 'Already a member: change their role in the list below.' });
		if (!existing && password.length < 10)
			return invalid({
				password: 'No account has this email yet: set an initial password of at least 10 characters.'
			});
		const user = existing ?? (await createUser(database, email, password));
		await setMembership(database, workspaceId, user.id, parsed.data.role);
		await audit(database, workspaceId, locals.user!.email, 'member.added', {
			email: user.email,
			role: parsed.data.role,
			newAccount: !existing
		});
		return { form: 'add', added: { email: user.email, role: parsed.data.role, newAccount: !existing } };
	},

	role: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const parsed = parseForm(await request.formData(), roleSchema);
		if (!parsed.ok) return refuse('role', parsed.values, {}, { message: 'Pick one of the four roles.' });
		const { userId, role: to } = parsed.data;
		const outcome = await db().transaction(async (tx): Promise<Outcome> => {
			const { owners, members } = await lockedMembers(tx as unknown as Db, workspaceId);
			const member = members.find((m) => m.id === userId);
			if (!member) return { refused: { status: 404, message: 'No such member in this workspace.' } };
			const refused = refusal(myRole(locals), member.role, to, owners);
			if (refused) return { refused: { status: 403, message: refused } };
			if (member.role !== to) await setMembership(tx as unknown as Db, workspaceId, userId, to);
			return { member };
		});
		if ('refused' in outcome) return refuse('role', parsed.values, {}, outcome.refused);
		const { member } = outcome;
		if (member.role === to) return { form: 'role', userId, unchanged: member.email };
		await audit(db(), workspaceId, locals.user!.email, 'member.role_changed', {
			email: member.email,
			from: member.role,
			to
		});
		return { form: 'role', userId, changed: { email: member.email, from: member.role, to } };
	},

	remove: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const workspaceId = workspaceOf(locals);
		const parsed = parseForm(await request.formData(), removeSchema);
		const refused = (status: number, message: string) =>
			refuse('remove', parsed.values, {}, { status, message });
		if (!parsed.ok) return refused(400, 'Which member? Reload and try again.');
		const { userId } = parsed.data;
		if (userId === locals.user!.id) return refused(403, 'You cannot remove yourself: ask another admin.');
		const outcome = await db().transaction(async (tx): Promise<Outcome> => {
			const { owners, members } = await lockedMembers(tx as unknown as Db, workspaceId);
			const member = members.find((m) => m.id === userId);
			if (!member) return { refused: { status: 404, message: 'No such member in this workspace.' } };
			const refused = refusal(myRole(locals), member.role, null, owners);
			if (refused) return { refused: { status: 403, message: refused } };
			await removeMembership(tx as unknown as Db, workspaceId, userId);
			return { member };
		});
		if ('refused' in outcome) return refused(outcome.refused.status, outcome.refused.message);
		await audit(db(), workspaceId, locals.user!.email, 'member.removed', {
			email: outcome.member.email,
			role: outcome.member.role
		});
		return { form: 'remove', removed: outcome.member.email };
	}
};
