import { config } from '../config/index.ts';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { emailToken, user } from '../db/schema/accounts.ts';
import { auditEvent } from '../db/schema/platform.ts';
import { sendMail } from '../mail/index.ts';
import { ACCOUNT_MAILS } from './mail.ts';
import { exceeded, hit, LIMITS, reset } from '../ratelimit/index.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { checkCurrentPassword, reauthProblem } from './reauth.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { createSession, endAllSessions } from './sessions.ts';
import { hashToken, newToken } from './tokens.ts';

/** Where a request came from: for rate limits, the audit log, links in mails and the devices page. */
export type RequestContext = { ip: string; origin: string; device: string; locale: AppLocale };

type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'set_password';
const TOKEN_HOURS: Record<TokenPurpose, number> = { verify_email: 48, reset_password: 1, change_email: 24, set_password: 72 };
const LINK_PATH: Record<TokenPurpose, string> = {
	verify_email: 'verify-email',
	reset_password: 'reset-password',
	change_email: 'confirm-email',
	set_password: 'reset-password'
};

async function mailLink(
	db: DbOrTx,
	target: { id: string; email: string; displayName: string; locale: string },
	purpose: TokenPurpose,
	ctx: Pick<RequestContext, 'origin'>,
	to = target.email,
	newEmail: string | null = null,
	next: string | null = null
): Promise<string> {
	const { token, id } = newToken();
	await db.insert(emailToken).values({
		id,
		userId: target.id,
		purpose,
		newEmail,
		expiresAt: new Date(Date.now() + TOKEN_HOURS[purpose] * 3_600_000)
	});
	const locale = target.locale as AppLocale;
	// `next`: where the person was going when they signed up (an invitation), kept through the mail.
	const link = `${ctx.origin}/${locale}/${LINK_PATH[purpose]}/${token}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
	await sendMail(db, { to, locale, kind: purpose, link, userId: target.id, words: ACCOUNT_MAILS[purpose]({ name: target.displayName }, locale) });
	return link;
}

/** Uses up a link's token: the user id (and new email) if it was valid, unused and not expired. */
async function consumeToken(db: DbOrTx, token: string, purposes: TokenPurpose[]) {
	const id = tokenId(token);
	const [row] = await db
		.update(emailToken)
		.set({ usedAt: sql`now()` })
		.where(and(eq(emailToken.id, id), isNull(emailToken.usedAt), gt(emailToken.expiresAt, sql`now()`)))
		.returning({ userId: emailToken.userId, purpose: emailToken.purpose, newEmail: emailToken.newEmail });
	return row && purposes.includes(row.purpose as TokenPurpose) ? row : undefined;
}

/** The stored id of a link token (overlong input cut, it can only fail to match). */
function tokenId(token: string): string {
	return hashToken(token.slice(0, 100));
}

/** Whether a link token is still usable (for showing the page before the person submits). */
export async function tokenIsValid(db: DbOrTx, token: string, purposes: TokenPurpose[]): Promise<boolean> {
	const [row] = await db
		.select({ purpose: emailToken.purpose })
		.from(emailToken)
		.where(and(eq(emailToken.id, tokenId(token)), isNull(emailToken.usedAt), gt(emailToken.expiresAt, sql`now()`)));
	return !!row && purposes.includes(row.purpose as TokenPurpose);
}

export type SignUpInput = {
	displayName: string;
	email: string;
	password: string;
	locale: AppLocale;
	country: string;
	sector: string;
};

/**
 * Registers an account and mails a verification link. Answers the same whether or not the address
 * already has an account (its owner gets a notice instead), so sign-up does not reveal accounts.
 */
export async function signUp(db: DbOrTx, input: SignUpInput, ctx: RequestContext, next: string | null = null): Promise<'ok' | 'rate_limited'> {
	if (!(await hit(db, { ...LIMITS.signUpPerIp, max: config().signUpLimitPerHour }, ctx.ip))) return 'rate_limited';
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx): Promise<'ok'> => {
		const [existing] = await tx.select().from(user).where(eq(user.email, input.email));
		if (existing) {
			if (await hit(tx, LIMITS.mailPerAddress, input.email)) {
				await sendMail(tx, {
					to: existing.email,
					userId: existing.id,
					locale: existing.locale as AppLocale,
					kind: 'account_exists',
					link: `${ctx.origin}/${existing.locale}/forgot-password`,
					words: ACCOUNT_MAILS.account_exists({ name: existing.displayName }, existing.locale as AppLocale)
				});
			}
			return 'ok';
		}
		const [created] = await tx
			.insert(user)
			.values({
				email: input.email,
				passwordHash,
				displayName: input.displayName,
				locale: input.locale,
				country: input.country,
				sector: input.sector
			})
			.returning();
		await audit(tx, { event: 'signup', actorId: created!.id, subjectId: created!.id, ip: ctx.ip });
		await mailLink(tx, created!, 'verify_email', ctx, undefined, null, next);
		return 'ok';
	});
}

/** Confirms an address from the link in the verification mail. */
export async function verifyEmail(db: DbOrTx, token: string, ip: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const row = await consumeToken(tx, token, ['verify_email']);
		if (!row) return false;
		await tx.update(user).set({ emailVerifiedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(user.id, row.userId));
		await audit(tx, { event: 'email_verified', actorId: row.userId, subjectId: row.userId, ip });
		return true;
	});
}

/** Sends a fresh verification link, within the mail limits; silent about unknown addresses. */
export async function resendVerification(db: DbOrTx, email: string, ctx: RequestContext): Promise<'ok' | 'rate_limited'> {
	if (!(await hit(db, LIMITS.mailPerIp, ctx.ip)) || !(await hit(db, LIMITS.mailPerAddress, email))) return 'rate_limited';
	const [found] = await db.select().from(user).where(eq(user.email, email));
	if (found && !found.emailVerifiedAt && !found.disabledAt) await mailLink(db, found, 'verify_email', ctx);
	return 'ok';
}

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; locale: string; needsSecondFactor: boolean }
	| { ok: false; error: 'invalid' | 'rate_limited' | 'not_verified' };

/**
 * Checks email and password and starts a session. Limited per account (every attempt) and per IP
 * (failed attempts); the same
 * answer for an unknown address, a wrong password and a disabled account.
 */
export async function signIn(db: DbOrTx, email: string, password: string, ctx: RequestContext): Promise<SignInResult> {
	const ipOk = !(await exceeded(db, LIMITS.signInFailuresPerIp, ctx.ip));
	const accountOk = await hit(db, LIMITS.signInPerAccount, email);
	const [found] = await db.select().from(user).where(eq(user.email, email));
	// Someone guessing from elsewhere must not lock the owner out: from an address this account has
	// signed in from before, the right password still gets in while the account's limit is used up.
	const knownAddress = !accountOk && ipOk && !!found && (await signedInBefore(db, found.id, ctx.ip));
	if (!ipOk || (!accountOk && !knownAddress)) {
		await audit(db, { event: 'signin_limited', subjectId: found?.id ?? null, ip: ctx.ip });
		return { ok: false, error: 'rate_limited' };
	}
	const valid = await verifyPassword(found?.passwordHash ?? null, password);
	if (!found || !valid || found.disabledAt) {
		await hit(db, LIMITS.signInFailuresPerIp, ctx.ip);
		await audit(db, { event: 'signin_failed', subjectId: found?.id ?? null, ip: ctx.ip });
		return { ok: false, error: 'invalid' };
	}
	if (!found.emailVerifiedAt) return { ok: false, error: 'not_verified' };
	await reset(db, LIMITS.signInPerAccount, email);
	const needsSecondFactor = found.totpEnabledAt !== null;
	const { token, expiresAt } = await createSession(db, found.id, ctx.device);
	await audit(db, { event: 'signin', actorId: found.id, subjectId: found.id, ip: ctx.ip, detail: { device: ctx.device } });
	return { ok: true, token, expiresAt, locale: found.locale, needsSecondFactor };
}

/** Whether this account has signed in from this address before (within the audit log's retention). */
async function signedInBefore(db: DbOrTx, userId: string, ip: string): Promise<boolean> {
	const [row] = await db
		.select({ id: auditEvent.id })
		.from(auditEvent)
		.where(and(eq(auditEvent.subjectId, userId), eq(auditEvent.event, 'signin'), eq(auditEvent.ip, ip)))
		.limit(1);
	return !!row;
}

/** Mails a one-hour reset link if the address has an account; the answer never says whether it has. */
export async function requestPasswordReset(db: DbOrTx, email: string, ctx: RequestContext): Promise<'ok' | 'rate_limited'> {
	if (!(await hit(db, LIMITS.mailPerIp, ctx.ip))) return 'rate_limited';
	const addressOk = await hit(db, LIMITS.mailPerAddress, email);
	const [found] = await db.select().from(user).where(eq(user.email, email));
	// Someone asking from elsewhere must not block the owner's reset: from an address the account
	// has signed in from before, the request passes while the address's limit is used up (the
	// per-IP limit above still applies there).
	if (!addressOk && !(found && (await signedInBefore(db, found.id, ctx.ip)))) return 'rate_limited';
	if (found && !found.disabledAt) {
		await db.transaction(async (tx) => {
			await mailLink(tx, found, 'reset_password', ctx);
			await audit(tx, { event: 'password_reset_requested', subjectId: found.id, ip: ctx.ip });
		});
	}
	return 'ok';
}

/** Sets a new password from a reset (or first-password) link and ends every session. */
export async function resetPassword(db: DbOrTx, token: string, password: string, ip: string): Promise<boolean> {
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const row = await consumeToken(tx, token, ['reset_password', 'set_password']);
		if (!row) return false;
		// One link used: every other reset link of the account (perhaps in a mailbox someone else
		// reads) stops working with it.
		await tx
			.update(emailToken)
			.set({ usedAt: sql`now()` })
			.where(
				and(
					eq(emailToken.userId, row.userId),
					inArray(emailToken.purpose, ['reset_password', 'set_password']),
					isNull(emailToken.usedAt)
				)
			);
		await tx
			.update(user)
			// A reset link proves the address, too.
			.set({ passwordHash, emailVerifiedAt: sql`coalesce(${user.emailVerifiedAt}, now())`, updatedAt: sql`now()` })
			.where(eq(user.id, row.userId));
		await endAllSessions(tx, row.userId);
		await audit(tx, { event: 'password_reset', actorId: row.userId, subjectId: row.userId, ip });
		return true;
	});
}

/** Changes the password (the current one is required) and ends the user's other sessions. */
export async function changePassword(
	db: DbOrTx,
	actor: Actor,
	current: string,
	password: string,
	ctx: { ip: string; sessionId: string }
): Promise<Result> {
	if (!actor || !can(actor, 'account:edit', { userId: actor.id })) return problem('forbidden');
	const userId = actor.id;
	const checked = await checkCurrentPassword(db, userId, current);
	if (checked !== 'ok') return reauthProblem(checked, 'current');
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		await tx.update(user).set({ passwordHash, updatedAt: sql`now()` }).where(eq(user.id, userId));
		await endAllSessions(tx, userId, ctx.sessionId);
		await audit(tx, { event: 'password_changed', actorId: userId, subjectId: userId, ip: ctx.ip });
	});
	return ok();
}

/**
 * Starts a change of address: the current password is required and the link goes to the new
 * address. An address that already has an account gets no mail (and the answer does not say so).
 */
export async function requestEmailChange(
	db: DbOrTx,
	actor: Actor,
	newEmail: string,
	current: string,
	ctx: RequestContext
): Promise<Result> {
	if (!actor || !can(actor, 'account:edit', { userId: actor.id })) return problem('forbidden');
	const userId = actor.id;
	const checked = await checkCurrentPassword(db, userId, current);
	if (checked !== 'ok') return reauthProblem(checked, 'form');
	const [found] = await db.select().from(user).where(eq(user.id, userId));
	if (!found) return reauthProblem('wrong_password', 'form');
	if (!(await hit(db, LIMITS.mailPerAddress, newEmail))) return reauthProblem('rate_limited', 'form');
	const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.email, newEmail));
	if (taken) return ok();
	await db.transaction(async (tx) => {
		await mailLink(tx, found, 'change_email', ctx, newEmail, newEmail);
		await audit(tx, { event: 'email_change_requested', actorId: userId, subjectId: userId, ip: ctx.ip });
	});
	return ok();
}

/** Completes a change of address from the link sent to the new address. */
export async function confirmEmailChange(db: DbOrTx, token: string, ip: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const row = await consumeToken(tx, token, ['change_email']);
		if (!row?.newEmail) return false;
		const [taken] = await tx.select({ id: user.id }).from(user).where(eq(user.email, row.newEmail));
		if (taken) return false;
		await tx
			.update(user)
			.set({ email: row.newEmail, emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
			.where(eq(user.id, row.userId));
		await audit(tx, { event: 'email_changed', actorId: row.userId, subjectId: row.userId, ip });
		return true;
	});
}

/**
 * Creates the first (or another) administrator, or promotes an existing account, and mails a
 * one-time link to set the password. Returns the link so the operator can also use it directly.
 */
export async function createAdmin(db: DbOrTx, email: string, displayName: string, origin: string): Promise<string> {
	return db.transaction(async (tx) => {
		const [existing] = await tx.select().from(user).where(eq(user.email, email));
		const [admin] = existing
			? await tx.update(user).set({ role: 'admin', updatedAt: sql`now()` }).where(eq(user.id, existing.id)).returning()
			: await tx
					.insert(user)
					.values({ email, displayName, locale: 'en', country: 'other', sector: 'other', role: 'admin', emailVerifiedAt: sql`now()` })
					.returning();
		await audit(tx, { event: 'admin_created', subjectId: admin!.id, detail: { promoted: !!existing } });
		return mailLink(tx, admin!, 'set_password', { origin });
	});
}
