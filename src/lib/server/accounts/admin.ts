import { and, asc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { can, ROLES, type Actor, type Role } from '../policies/index.ts';
import { ok, problem, type Failure, type Result } from '../result/index.ts';
import { endAllSessions, rotateSessions } from './sessions.ts';

/** Accounts matching a search in email or name, for the admin area (at most 50). */
export async function searchUsers(db: DbOrTx, actor: Actor, query: string) {
	if (!can(actor, 'admin:users')) return problem('forbidden');
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const rows = await db
		.select({
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			role: user.role,
			disabled: sql<boolean>`${user.disabledAt} is not null`,
			verified: sql<boolean>`${user.emailVerifiedAt} is not null`,
			totp: sql<boolean>`${user.totpEnabledAt} is not null`,
			createdAt: user.createdAt
		})
		.from(user)
		.where(query ? or(ilike(user.email, pattern), ilike(user.displayName, pattern)) : undefined)
		.orderBy(asc(user.email))
		.limit(50);
	return ok(rows);
}

// An admin's own role and access are not theirs to change (no locking oneself out): the policy
// refuses, and the page says why next to the form.
const notSelf = () => problem('invalid', { field: 'form', key: 'admin_users_not_self' });

/** The policy question before an admin changes another account. */
function mayManage(actor: Actor, userId: string): Failure | undefined {
	if (!actor || !can(actor, 'admin:users')) return problem('forbidden');
	if (!can(actor, 'admin:manage_user', { id: userId })) return notSelf();
	return undefined;
}

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** Changes someone's platform role (nothing happens when they already have it). Not one's own. */
export async function changeRole(db: DbOrTx, actor: Actor, userId: string, role: Role, ip: string): Promise<Result<{ changed: boolean }>> {
	const refused = mayManage(actor, userId);
	if (refused) return refused;
	const adminId = actor!.id;
	const changed = await db.transaction(async (tx) => {
		const updated = await tx
			.update(user)
			.set({ role, updatedAt: sql`now()` })
			.where(and(eq(user.id, userId), ne(user.role, role)))
			.returning({ id: user.id });
		if (!updated.length) return false;
		// A token seen before the change (fixated, or read by someone) is worth nothing after it.
		await rotateSessions(tx, userId);
		await audit(tx, { event: 'role_changed', actorId: adminId, subjectId: userId, ip, detail: { role } });
		return true;
	});
	return ok({ changed });
}

/** Disables (and signs out everywhere) or re-enables an account. Not one's own. */
export async function setDisabled(db: DbOrTx, actor: Actor, userId: string, disabled: boolean, ip: string): Promise<Result> {
	const refused = mayManage(actor, userId);
	if (refused) return refused;
	const adminId = actor!.id;
	return db.transaction(async (tx): Promise<Result> => {
		const updated = await tx
			.update(user)
			.set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
			.where(eq(user.id, userId))
			.returning({ id: user.id });
		// Nobody with that id: said as before, next to the form.
		if (!updated.length) return notSelf();
		if (disabled) await endAllSessions(tx, userId);
		await audit(tx, { event: disabled ? 'account_disabled' : 'account_enabled', actorId: adminId, subjectId: userId, ip });
		return ok();
	});
}
