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

/** How long a rotated-away token still opens its session (requests that were already on their way). */
const ROTATION_GRACE_MS = 60_000;

/**
 * What the request's cookie should become: `renewed`, a new token (the session was rotated); `keep`,
 * leave the cookie alone (an old token in its grace minute: another response carries the new one);
 * otherwise the same token with the new expiry.
 */
export type ValidatedSession = CurrentSession & { expiresAt: Date; renewed?: string; keep?: boolean };

/**
 * The session and user behind a cookie token, or null if it is unknown, expired or the account
 * is disabled. Slides the idle expiry forward (never past the absolute lifetime), and gives the
 * session a new token when its user's privileges changed.
 */
export async function validateSession(db: DbOrTx, token: string): Promise<ValidatedSession | null> {
	const given = hashToken(token);
	const [row] = await db
		.select({
			id: session.id,
			previousId: session.previousId,
			rotatedAt: session.rotatedAt,
			rotate: session.rotate,
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
		.where(and(or(eq(session.id, given), eq(session.previousId, given)), gt(session.expiresAt, sql`now()`)))
		.limit(1);
	if (!row || row.disabledAt) return null;
	const viaPrevious = row.id !== given;
	if (viaPrevious && (!row.rotatedAt || Date.now() - row.rotatedAt.getTime() > ROTATION_GRACE_MS)) return null;
	let id = row.id;
	let renewed: string | undefined;
	if (row.rotate && !viaPrevious) {
		const next = newToken();
		// One request wins the rotation; one that lost the race carries on with the old token's grace.
		const [rotated] = await db
			.update(session)
			.set({ id: next.id, previousId: id, rotatedAt: sql`now()`, rotate: false })
			.where(and(eq(session.id, id), eq(session.rotate, true)))
			.returning({ id: session.id });
		if (rotated) {
			id = next.id;
			renewed = next.token;
		}
	}
	let expiresAt = row.expiresAt;
	if (Date.now() - row.lastSeenAt.getTime() > EXTEND_AFTER_MS) {
		const c = config();
		expiresAt = new Date(Math.min(Date.now() + c.sessionIdleHours * 3_600_000, row.absoluteExpiresAt.getTime()));
		await db.update(session).set({ lastSeenAt: sql`now()`, expiresAt }).where(eq(session.id, id));
	}
	return {
		id,
		expiresAt,
		...(renewed ? { renewed } : {}),
		...(viaPrevious ? { keep: true } : {}),
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

/** Ends one session by its cookie token (or the token it had just before a rotation). */
export async function endSession(db: DbOrTx, token: string): Promise<void> {
	const id = hashToken(token);
	await db.delete(session).where(or(eq(session.id, id), eq(session.previousId, id)));
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

/** Gives every session of a user a new token at its next request: their privileges changed. */
export async function rotateSessions(db: DbOrTx, userId: string): Promise<void> {
	await db.update(session).set({ rotate: true }).where(eq(session.userId, userId));
}

/** Deletes expired sessions. */
export async function purgeSessions(db: DbOrTx): Promise<void> {
	await db.delete(session).where(or(lt(session.expiresAt, sql`now()`), lt(session.absoluteExpiresAt, sql`now()`)));
}
