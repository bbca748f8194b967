import { and, asc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { ROLES, type Role } from '../policies/index.ts';
import { endAllSessions } from './sessions.ts';

/** Accounts matching a search in email or name, for the admin area (at most 50). */
export async function searchUsers(db: DbOrTx, query: string) {
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db
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
}

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** Changes someone's platform role. An admin cannot change their own role (no locking oneself out). */
export async function changeRole(db: DbOrTx, adminId: string, userId: string, role: Role, ip: string): Promise<boolean> {
	if (adminId === userId) return false;
	const updated = await db
		.update(user)
		.set({ role, updatedAt: sql`now()` })
		.where(and(eq(user.id, userId), ne(user.role, role)))
		.returning({ id: user.id });
	if (updated.length) await audit(db, { event: 'role_changed', actorId: adminId, subjectId: userId, ip, detail: { role } });
	return updated.length > 0;
}

/** Disables (and signs out everywhere) or re-enables an account. Not one's own. */
export async function setDisabled(db: DbOrTx, adminId: string, userId: string, disabled: boolean, ip: string): Promise<boolean> {
	if (adminId === userId) return false;
	return db.transaction(async (tx) => {
		const updated = await tx
			.update(user)
			.set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
			.where(eq(user.id, userId))
			.returning({ id: user.id });
		if (!updated.length) return false;
		if (disabled) await endAllSessions(tx, userId);
		await audit(tx, { event: disabled ? 'account_disabled' : 'account_enabled', actorId: adminId, subjectId: userId, ip });
		return true;
	});
}
