import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rateLimit } from '../db/schema/platform.ts';

export type Limit = { name: string; max: number; windowSeconds: number };

/** The limits the platform applies, in one place so the README can list them. */
export const LIMITS = {
	signInPerAccount: { name: 'signin-account', max: 5, windowSeconds: 15 * 60 },
	// Failed attempts only: a school's whole class signing in behind one address is not an attack.
	signInFailuresPerIp: { name: 'signin-ip', max: 50, windowSeconds: 15 * 60 },
	// `max` is the default; SIGNUP_LIMIT_PER_HOUR sets it.
	signUpPerIp: { name: 'signup-ip', max: 5, windowSeconds: 60 * 60 },
	mailPerAddress: { name: 'mail-address', max: 3, windowSeconds: 60 * 60 },
	mailPerIp: { name: 'mail-ip', max: 10, windowSeconds: 60 * 60 },
	// The current password asked before a security change, per account: a stolen session cannot guess it.
	currentPasswordPerAccount: { name: 'current-password', max: 5, windowSeconds: 15 * 60 },
	// Wrong cohort join codes: a class typing a code from the board makes a few mistakes, a guesser thousands.
	joinCodeFailuresPerAccount: { name: 'join-code-account', max: 10, windowSeconds: 60 * 60 },
	joinCodeFailuresPerIp: { name: 'join-code-ip', max: 50, windowSeconds: 60 * 60 },
	// A facilitator invites a class at a time, not the world.
	cohortInvitesPerUser: { name: 'cohort-invites-user', max: 200, windowSeconds: 24 * 60 * 60 },
	// A leader's reminder to a round's unfinished raters: once a day is a nudge, more is spam.
	qualityRemindersPerRound: { name: 'quality-reminder-round', max: 1, windowSeconds: 24 * 60 * 60 },
	// Reading the practices' open API: generous for people and scripts, a brake on scrapers hammering it.
	practicesApiPerIp: { name: 'practices-api-ip', max: 600, windowSeconds: 60 },
	// Wrong live-session join codes: a room mistypes a few, a guesser tries thousands.
	liveCodeFailuresPerIp: { name: 'live-code-ip', max: 30, windowSeconds: 60 * 60 },
	// Glossary proposals go to editors who read each one: a keen member proposes a few a day.
	glossaryProposalsPerAccount: { name: 'glossary-proposals', max: 10, windowSeconds: 24 * 60 * 60 }
} satisfies Record<string, Limit>;

/**
 * The counter's key: the limit's name and a hash of the subject, so the table holds no email or IP
 * address (nothing personal to forget when an account is deleted).
 */
function keyOf(limit: Limit, subject: string): string {
	return `${limit.name}:${createHash('sha256').update(subject.toLowerCase()).digest('base64url')}`;
}

/**
 * Counts one attempt against `limit` for `subject` (an email or an IP) and says whether it is
 * still allowed. Atomic in the database, so every app instance shares the same counters.
 */
export async function hit(db: DbOrTx, limit: Limit, subject: string): Promise<boolean> {
	const key = keyOf(limit, subject);
	const [row] = await db
		.insert(rateLimit)
		.values({ key, windowStart: sql`now()`, count: 1 })
		.onConflictDoUpdate({
			target: rateLimit.key,
			set: {
				count: sql`case when ${rateLimit.windowStart} < now() - make_interval(secs => ${limit.windowSeconds}) then 1 else ${rateLimit.count} + 1 end`,
				windowStart: sql`case when ${rateLimit.windowStart} < now() - make_interval(secs => ${limit.windowSeconds}) then now() else ${rateLimit.windowStart} end`
			}
		})
		.returning({ count: rateLimit.count });
	return (row?.count ?? 1) <= limit.max;
}

/** Whether `subject` has already used up `limit` in the current window (counts nothing). */
export async function exceeded(db: DbOrTx, limit: Limit, subject: string): Promise<boolean> {
	const [row] = await db
		.select({ count: rateLimit.count })
		.from(rateLimit)
		.where(
			sql`${rateLimit.key} = ${keyOf(limit, subject)} and ${rateLimit.windowStart} >= now() - make_interval(secs => ${limit.windowSeconds})`
		);
	return (row?.count ?? 0) >= limit.max;
}

/** Forgets the counter, e.g. after a successful sign-in. */
export async function reset(db: DbOrTx, limit: Limit, subject: string): Promise<void> {
	await db.delete(rateLimit).where(sql`${rateLimit.key} = ${keyOf(limit, subject)}`);
}

/** Removes counters whose window ended long ago. */
export async function purgeRateLimits(db: DbOrTx): Promise<void> {
	await db.delete(rateLimit).where(sql`${rateLimit.windowStart} < now() - interval '1 day'`);
}
