import { and, desc, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import { config } from '../config/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { session, user } from '../db/schema/accounts.ts';
import { audit } from '../audit/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { hashToken, newToken } from './tokens.ts';

export type SessionUser = {
	id: string;
	email: string;
	displayName: string;
	role: string;
	locale: string;
	totpEnabled: boolean;
	emailVerified: boolean;
};

export type CurrentSession = { id: string; secondFactorVerified: boolean; user: SessionUser };

// Extending the idle expiry at most every 10 minutes keeps reads free of writes.
const EXTEND_AFTER_MS = 10 * 60 * 1000;

/** Starts a session for a user; returns the cookie's token (never stored) and when it expires. */
export async function createSession(
	db: DbOrTx,
	userId: string,
	device: string,
	secondFactorVerified = false
): Promise<{ token: string; expiresAt: Date }> {
	const c = config();
	const { token, id } = newToken();
	const now = Date.now();
	const absolute = new Date(now + c.sessionAbsoluteDays * 86_400_000);
	const idle = new Date(Math.min(now + c.sessionIdleHours * 3_600_000, absolute.getTime()));
	await db.insert(session).values({
		id,
		userId,
		device: device.slice(0, 100),
		expiresAt: idle,
		absoluteExpiresAt: absolute,
		secondFactorVerified
	});
	return { token, expiresAt: idle };
}

/**
 * The session and user behind a cookie token, or null if it is unknown, expired or the account
 * is disabled. Slides the idle expiry forward (never past the absolute lifetime).
 */
export async function validateSession(
	db: DbOrTx,
	token: string
): Promise<(CurrentSession & { expiresAt: Date }) | null> {
	const id = hashToken(token);
	const [row] = await db
		.select({
			id: session.id,
			expiresAt: session.expiresAt,
			absoluteExpiresAt: session.absoluteExpiresAt,
			lastSeenAt: session.lastSeenAt,
			secondFactorVerified: session.secondFactorVerified,
			userId: user.id,
			email: user.email,
			displayName: user.displayName,
			role: user.role,
			locale: user.locale,
			totpEnabledAt: user.totpEnabledAt,
			emailVerifiedAt: user.emailVerifiedAt,
			disabledAt: user.disabledAt
		})
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.where(and(eq(session.id, id), gt(session.expiresAt, sql`now()`)));
	if (!row || row.disabledAt) return null;
	let expiresAt = row.expiresAt;
	if (Date.now() - row.lastSeenAt.getTime() > EXTEND_AFTER_MS) {
		const c = config();
		expiresAt = new Date(Math.min(Date.now() + c.sessionIdleHours * 3_600_000, row.absoluteExpiresAt.getTime()));
		await db.update(session).set({ lastSeenAt: sql`now()`, expiresAt }).where(eq(session.id, id));
	}
	return {
		id: row.id,
		expiresAt,
		secondFactorVerified: row.secondFactorVerified,
		user: {
			id: row.userId,
			email: row.email,
			displayName: row.displayName,
			role: row.role,
			locale: row.locale,
			totpEnabled: row.totpEnabledAt !== null,
			emailVerified: row.emailVerifiedAt !== null
		}
	};
}

/** Ends one session by its cookie token. */
export async function endSession(db: DbOrTx, token: string): Promise<void> {
	await db.delete(session).where(eq(session.id, hashToken(token)));
}

/** Ends every session of a user, optionally keeping the current one. */
export async function endAllSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
	await db
		.delete(session)
		.where(and(eq(session.userId, userId), exceptSessionId ? ne(session.id, exceptSessionId) : undefined));
}

/** A user's own sessions, newest first, for the devices page. */
export async function listSessions(db: DbOrTx, actor: Actor): Promise<Result<SessionListing[]>> {
	if (!actor || !can(actor, 'account:view', { userId: actor.id })) return problem('forbidden');
	const rows = await db
		.select({
			id: session.id,
			device: session.device,
			createdAt: session.createdAt,
			lastSeenAt: session.lastSeenAt,
			expiresAt: session.expiresAt
		})
		.from(session)
		.where(and(eq(session.userId, actor.id), gt(session.expiresAt, sql`now()`)))
		.orderBy(desc(session.lastSeenAt));
	return ok(rows);
}

export type SessionListing = { id: string; device: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date };

/** Ends one of the actor's own sessions by id (audited); not_found if it is not theirs. */
export async function revokeSession(db: DbOrTx, actor: Actor, sessionId: string, ctx: { ip: string }): Promise<Result> {
	if (!actor || !can(actor, 'account:edit', { userId: actor.id })) return problem('forbidden');
	const deleted = await db
		.delete(session)
		.where(and(eq(session.id, sessionId), eq(session.userId, actor.id)))
		.returning({ id: session.id });
	if (!deleted.length) return problem('not_found', { field: 'form', key: 'error_invalid' });
	await audit(db, { event: 'session_revoked', actorId: actor.id, subjectId: actor.id, ip: ctx.ip });
	return ok();
}

/**
 * Marks a session as having passed the second factor under a new token (the caller sets the new
 * cookie): a token seen before the privilege was gained (fixated, or read by someone) is worth nothing after.
 */
export async function markSecondFactor(db: DbOrTx, sessionId: string): Promise<{ token: string; expiresAt: Date } | null> {
	const { token, id } = newToken();
	const [row] = await db
		.update(session)
		.set({ id, secondFactorVerified: true })
		.where(eq(session.id, sessionId))
		.returning({ expiresAt: session.expiresAt });
	return row ? { token, expiresAt: row.expiresAt } : null;
}

/** Deletes expired sessions. */
export async function purgeSessions(db: DbOrTx): Promise<void> {
	await db.delete(session).where(or(lt(session.expiresAt, sql`now()`), lt(session.absoluteExpiresAt, sql`now()`)));
}
