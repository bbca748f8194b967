import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { recoveryCode, user } from '../db/schema/accounts.ts';
import { hit, LIMITS, reset } from '../ratelimit/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { checkCurrentPassword, reauthProblem } from './reauth.ts';
import { needsResealing, openTotpSecret, sealTotpSecret } from './totp-secret.ts';
import { markSecondFactor } from './sessions.ts';
import { hashToken } from './tokens.ts';

const ISSUER = 'Praxis';

function totpFor(secret: string, label: string): OTPAuth.TOTP {
	return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The signed-in person changing their own two-step sign-in, or null when the actor may not. */
function ownAccount(actor: Actor): string | null {
	return actor && can(actor, 'account:edit', { userId: actor.id }) ? actor.id : null;
}

export type TotpSetup = { secret: string; uri: string; qrSvg: string };

/**
 * Starts setting up an authenticator: a secret, its URI and a QR code as SVG. With `reuse`, the
 * secret already being set up is shown again (after a mistyped code the scanned app stays valid).
 * Refused (`invalid`, next to the form) when two-step sign-in is already on.
 */
export async function startTotpSetup(db: DbOrTx, actor: Actor, options: { reuse?: boolean } = {}): Promise<Result<TotpSetup>> {
	const userId = ownAccount(actor);
	if (!userId) return problem('forbidden');
	const [found] = await db
		.select({ email: user.email, enabled: user.totpEnabledAt, pending: user.totpSecret })
		.from(user)
		.where(eq(user.id, userId));
	if (!found) return problem('forbidden');
	if (found.enabled) return problem('invalid', { field: 'form', key: 'error_invalid' });
	let secret = options.reuse && found.pending ? openTotpSecret(found.pending, userId) : null;
	if (!secret) {
		secret = new OTPAuth.Secret({ size: 20 }).base32;
		await db.update(user).set({ totpSecret: sealTotpSecret(secret, userId) }).where(eq(user.id, userId));
	}
	const uri = totpFor(secret, found.email).toString();
	const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return ok({ secret, uri, qrSvg });
}

const PERIOD_MS = 30_000;

/** The time step of the code if it is valid now (one step either side for clock drift), else null. */
function matchingStep(secret: string, code: string, now = Date.now()): number | null {
	const cleaned = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(cleaned)) return null;
	const delta = totpFor(secret, '').validate({ token: cleaned, window: 1, timestamp: now });
	return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}

/**
 * Uses up a code's time step: true only if no code of this step or a later one was accepted
 * before, so the same code does not open a second session (one atomic update, so two requests
 * at once cannot both win).
 */
async function claimStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
	const claimed = await db
		.update(user)
		.set({ totpLastStep: step })
		.where(and(eq(user.id, userId), or(isNull(user.totpLastStep), lt(user.totpLastStep, step))))
		.returning({ id: user.id });
	return claimed.length > 0;
}

/**
 * Turns two-step sign-in on once the person proves their app works, marks this session as
 * verified, and returns ten recovery codes (shown once, stored hashed). A wrong code is refused
 * next to `code`.
 */
export async function confirmTotp(
	db: DbOrTx,
	actor: Actor,
	code: string,
	ctx: { ip: string; sessionId: string }
): Promise<Result<{ codes: string[]; session: { token: string; expiresAt: Date } | null }>> {
	const userId = ownAccount(actor);
	if (!userId) return problem('forbidden');
	const [found] = await db.select({ secret: user.totpSecret, enabled: user.totpEnabledAt }).from(user).where(eq(user.id, userId));
	if (found?.enabled) return problem('invalid', { field: 'form', key: 'error_invalid' });
	const step = found?.secret ? matchingStep(openTotpSecret(found.secret, userId), code) : null;
	if (step === null) return problem('invalid', { field: 'code', key: 'totp_wrong' });
	const codes = Array.from({ length: 10 }, () => {
		const raw = randomBytes(5).toString('hex');
		return `${raw.slice(0, 5)}-${raw.slice(5)}`;
	});
	const session = await db.transaction(async (tx) => {
		await tx.update(user).set({ totpEnabledAt: sql`now()`, totpLastStep: step, updatedAt: sql`now()` }).where(eq(user.id, userId));
		await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
		await tx.insert(recoveryCode).values(codes.map((c) => ({ id: hashToken(c), userId })));
		const rotated = await markSecondFactor(tx, ctx.sessionId);
		await audit(tx, { event: 'totp_enabled', actorId: userId, subjectId: userId, ip: ctx.ip });
		return rotated;
	});
	return ok({ codes, session });
}

/** Checks a sign-in's second step: a code from the app, or an unused recovery code (used up). */
export async function verifySecondFactor(
	db: DbOrTx,
	userId: string,
	code: string,
	ctx: { ip: string; sessionId: string; email: string }
): Promise<{ ok: true; session: { token: string; expiresAt: Date } } | 'wrong' | 'rate_limited'> {
	if (!(await hit(db, LIMITS.signInPerAccount, ctx.email))) return 'rate_limited';
	const [found] = await db.select({ secret: user.totpSecret }).from(user).where(eq(user.id, userId));
	const secret = found?.secret ? openTotpSecret(found.secret, userId) : null;
	const step = secret ? matchingStep(secret, code) : null;
	let ok = step !== null && (await claimStep(db, userId, step));
	// Key rotation: a secret in clear or under an older key is sealed with the first key now.
	if (ok && secret && needsResealing(found!.secret!)) await db.update(user).set({ totpSecret: sealTotpSecret(secret, userId) }).where(eq(user.id, userId));
	if (!ok) {
		const used = await db
			.update(recoveryCode)
			.set({ usedAt: sql`now()` })
			.where(and(eq(recoveryCode.id, hashToken(code.trim().toLowerCase())), eq(recoveryCode.userId, userId), isNull(recoveryCode.usedAt)))
			.returning({ id: recoveryCode.id });
		ok = used.length > 0;
	}
	if (!ok) {
		await audit(db, { event: 'signin_failed', subjectId: userId, ip: ctx.ip, detail: { step: 'second_factor' } });
		return 'wrong';
	}
	await reset(db, LIMITS.signInPerAccount, ctx.email);
	const session = await markSecondFactor(db, ctx.sessionId);
	return session ? { ok: true, session } : 'wrong';
}

/** Turns two-step sign-in off (the current password is required) and forgets the secret and recovery codes. */
export async function disableTotp(db: DbOrTx, actor: Actor, current: string, ip: string): Promise<Result> {
	const userId = ownAccount(actor);
	if (!userId) return problem('forbidden');
	const checked = await checkCurrentPassword(db, userId, current);
	if (checked !== 'ok') return reauthProblem(checked, 'current');
	await db.transaction(async (tx) => {
		await tx.update(user).set({ totpSecret: null, totpEnabledAt: null, updatedAt: sql`now()` }).where(eq(user.id, userId));
		await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
		await audit(tx, { event: 'totp_disabled', actorId: userId, subjectId: userId, ip });
	});
	return ok();
}
