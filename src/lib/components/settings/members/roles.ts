export type Role = 'owner' | 'admin' | 'member' | 'viewer';

export const ROLES: { role: Role; can: string }[] = [
	{ role: 'owner', can: 'everything an admin can, and grant or take away the owner role' },
	{ role: 'admin', can: 'manage API keys, the price book, members, budgets and settings' },
	{ role: 'member', can: 'review takes in the queue, and see every figure' },
	{ role: 'viewer', can: 'see every figure and the queue, change nothing' }
];

export interface Member {
	id: string;
	email: string;
	role: Role;
	since: Date;
}
