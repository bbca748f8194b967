import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { isAppLocale, type AppLocale } from '../../../i18n/locales.ts';
import { hashToken, newToken } from '../../accounts/tokens.ts';
import type { DbOrTx } from '../../db/client.ts';
import { isUuid } from '../../forms/index.ts';
import { user } from '../../db/schema/accounts.ts';
import { activityResponse, cohort, cohortInvitation, cohortMember, course, enrolment, journalEntry, lesson, lessonProgress, moduleCompletion } from '../../db/schema/learn.ts';
import { sendMail } from '../../mail/index.ts';
import { COHORT_MAILS } from './mail.ts';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';
import { exceeded, hit, LIMITS } from '../../ratelimit/index.ts';
import { cohortChanged, recordLearningEvent } from '../progress/index.ts';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const INVITATION_DAYS = 14;

/** A join code such as `K7M2-Q9XD`: short enough to write on a whiteboard. */
export function newJoinCode(): string {
	const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What someone typed as a join code, in the stored form. */
export function normaliseJoinCode(input: string): string {
	const bare = input.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 8);
	return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

export type NewCohort = { courseId: number; name: string; startsOn: string | null; endsOn: string | null };

/** Creates a cohort (facilitators, editors and admins may); whoever creates it is its facilitator. */
export async function createCohort(db: DbOrTx, actor: Actor, input: NewCohort): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'cohort:create')) return problem('forbidden', { field: 'form', key: 'error_invalid' });
	const [row] = await db
		.insert(cohort)
		.values({ ...input, facilitatorId: actor.id, joinCode: newJoinCode() })
		.returning({ id: cohort.id });
	return ok({ id: row!.id });
}

/** The cohorts the actor facilitates and the ones they belong to, newest first, and whether they may create one. */
export async function listMyCohorts(db: DbOrTx, actor: Actor) {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const userId = actor.id;
	const columns = {
		id: cohort.id,
		name: cohort.name,
		courseId: cohort.courseId,
		courseSlug: course.slug,
		startsOn: cohort.startsOn,
		endsOn: cohort.endsOn,
		facilitatorId: cohort.facilitatorId,
		members: sql<number>`(select count(*)::int from cohort_member cm where cm.cohort_id = ${cohort.id})`
	};
	const facilitating = await db
		.select(columns)
		.from(cohort)
		.innerJoin(course, eq(course.id, cohort.courseId))
		.where(eq(cohort.facilitatorId, userId))
		.orderBy(desc(cohort.createdAt));
	const memberOf = await db
		.select({ ...columns, facilitatorName: user.displayName })
		.from(cohortMember)
		.innerJoin(cohort, eq(cohort.id, cohortMember.cohortId))
		.innerJoin(course, eq(course.id, cohort.courseId))
		.innerJoin(user, eq(user.id, cohort.facilitatorId))
		.where(eq(cohortMember.userId, userId))
		.orderBy(desc(cohortMember.joinedAt));
	return ok({ facilitating, memberOf, mayCreate: can(actor, 'cohort:create') });
}

/** A cohort, only for its facilitator (anyone else gets 'not_found', as if it did not exist). */
export async function getFacilitatedCohort(db: DbOrTx, actor: Actor, cohortId: string): Promise<Result<typeof cohort.$inferSelect>> {
	if (!isUuid(cohortId)) return problem('not_found');
	const [row] = await db.select().from(cohort).where(eq(cohort.id, cohortId));
	if (!row || !can(actor, 'cohort:view_progress', row)) return problem('not_found');
	return ok(row);
}

export type MemberProgress = {
	userId: string;
	name: string;
	joinedAt: Date;
	lessonsDone: number;
	modulesDone: number;
	completedAt: Date | null;
	quizzes: { lessonId: number; activityKey: string; bestScore: number | null; passed: boolean; attempts: number }[];
	shared: { id: string; lessonId: number | null; prompt: string; body: string; sharedAt: Date }[];
};

/**
 * What a facilitator sees of their cohort's members: progress and quiz results, and only the
 * reflections a member chose to share. Five queries, whatever the size of the cohort.
 */
export async function cohortProgress(db: DbOrTx, actor: Actor, c: { id: string; courseId: number; facilitatorId: string }): Promise<Result<MemberProgress[]>> {
	if (!can(actor, 'cohort:view_progress', c)) return problem('not_found');
	const members = await db
		.select({ userId: cohortMember.userId, name: user.displayName, joinedAt: cohortMember.joinedAt, completedAt: enrolment.completedAt })
		.from(cohortMember)
		.innerJoin(user, eq(user.id, cohortMember.userId))
		.leftJoin(enrolment, and(eq(enrolment.userId, cohortMember.userId), eq(enrolment.courseId, c.courseId)))
		.where(eq(cohortMember.cohortId, c.id))
		.orderBy(asc(user.displayName));
	if (!members.length) return ok([]);
	const ids = members.map((m) => m.userId);
	const lessons = await db
		.select({ userId: lessonProgress.userId, n: sql<number>`count(*)::int` })
		.from(lessonProgress)
		.where(and(inArray(lessonProgress.userId, ids), eq(lessonProgress.courseId, c.courseId), isNotNull(lessonProgress.completedAt)))
		.groupBy(lessonProgress.userId);
	const modules = await db
		.select({ userId: moduleCompletion.userId, n: sql<number>`count(*)::int` })
		.from(moduleCompletion)
		.where(and(inArray(moduleCompletion.userId, ids), eq(moduleCompletion.courseId, c.courseId)))
		.groupBy(moduleCompletion.userId);
	const quizzes = await db
		.select({
			userId: activityResponse.userId,
			lessonId: activityResponse.lessonId,
			activityKey: activityResponse.activityKey,
			bestScore: activityResponse.bestScore,
			passed: activityResponse.passed,
			attempts: activityResponse.attempts
		})
		.from(activityResponse)
		.where(and(inArray(activityResponse.userId, ids), eq(activityResponse.courseId, c.courseId), isNotNull(activityResponse.bestScore)));
	const shared = await db
		.select({
			userId: journalEntry.userId,
			id: journalEntry.id,
			lessonId: journalEntry.lessonId,
			prompt: journalEntry.prompt,
			body: journalEntry.body,
			sharedAt: journalEntry.sharedAt
		})
		.from(journalEntry)
		.innerJoin(lesson, eq(lesson.id, journalEntry.lessonId))
		.where(and(inArray(journalEntry.userId, ids), eq(lesson.courseId, c.courseId), isNotNull(journalEntry.sharedAt)));
	return ok(members.map((m) => ({
		...m,
		lessonsDone: lessons.find((l) => l.userId === m.userId)?.n ?? 0,
		modulesDone: modules.find((x) => x.userId === m.userId)?.n ?? 0,
		quizzes: quizzes.filter((q) => q.userId === m.userId).map(({ userId: _u, ...q }) => q),
		shared: shared.filter((s) => s.userId === m.userId).map(({ userId: _u, sharedAt, ...s }) => ({ ...s, sharedAt: sharedAt! }))
	})));
}

/** Adds a member to a cohort and enrols them in its course; records `joined` the first time. */
async function addMember(db: DbOrTx, learner: { userId: string; origin: string }, c: { id: string; name: string; courseId: number }): Promise<void> {
	const added = await db.insert(cohortMember).values({ cohortId: c.id, userId: learner.userId }).onConflictDoNothing().returning({ userId: cohortMember.userId });
	await db.insert(enrolment).values({ userId: learner.userId, courseId: c.courseId }).onConflictDoNothing();
	if (added.length) {
		await recordLearningEvent(db, { ...learner, verb: 'joined', object: { kind: 'group', path: `cohorts/${c.id}`, name: c.name } });
		await cohortChanged(db, c.id);
	}
}

/**
 * The actor joins the cohort with this code (and its course); 'not_found' when no cohort has it.
 * Wrong codes are counted per account and per IP address (`ip`, where the caller has one), so the
 * codes cannot be guessed.
 */
export async function joinByCode(db: DbOrTx, actor: Actor, ctx: { origin: string; ip?: string }, code: string): Promise<Result<typeof cohort.$inferSelect>> {
	if (!actor || !can(actor, 'cohort:join')) return problem('forbidden');
	const limited =
		(await exceeded(db, LIMITS.joinCodeFailuresPerAccount, actor.id)) || (ctx.ip !== undefined && (await exceeded(db, LIMITS.joinCodeFailuresPerIp, ctx.ip)));
	if (limited) return problem('rate_limited', { field: 'code', key: 'error_rate_limited' });
	const [c] = await db.select().from(cohort).where(eq(cohort.joinCode, normaliseJoinCode(code)));
	if (!c) {
		await hit(db, LIMITS.joinCodeFailuresPerAccount, actor.id);
		if (ctx.ip !== undefined) await hit(db, LIMITS.joinCodeFailuresPerIp, ctx.ip);
		return problem('not_found', { field: 'code', key: 'error_cohort_code' });
	}
	await db.transaction((tx) => addMember(tx, { userId: actor.id, origin: ctx.origin }, c));
	return ok(c);
}

/** Leaves a cohort: the facilitator no longer sees this learner's progress. */
export async function leaveCohort(db: DbOrTx, actor: Actor, cohortId: string): Promise<Result> {
	const notMember = problem('not_found', { field: 'form', key: 'error_invalid' });
	if (!actor || !isUuid(cohortId)) return notMember;
	const rows = await db
		.delete(cohortMember)
		.where(and(eq(cohortMember.cohortId, cohortId), eq(cohortMember.userId, actor.id)))
		.returning({ userId: cohortMember.userId });
	if (!rows.length) return notMember;
	await cohortChanged(db, cohortId);
	return ok();
}

/**
 * Mails invitations to join a cohort (a link valid for 14 days, used once). Addresses over the
 * mail limit (per address, and 200 invitations per facilitator a day) are skipped and returned.
 */
export async function inviteToCohort(
	db: DbOrTx,
	actor: Actor,
	c: { id: string; name: string; courseTitle: string; facilitatorId: string },
	emails: string[],
	ctx: { origin: string; locale: AppLocale }
): Promise<Result<{ sent: string[]; limited: string[] }>> {
	if (!actor || !can(actor, 'cohort:invite', c)) return problem('not_found');
	const origin = ctx.origin;
	const [me] = await db.select({ name: user.displayName, locale: user.locale }).from(user).where(eq(user.id, actor.id));
	const facilitator = { id: actor.id, name: me?.name ?? '', locale: isAppLocale(me?.locale) ? me.locale : ctx.locale };
	const sent: string[] = [];
	const limited: string[] = [];
	for (const email of emails) {
		if (!(await hit(db, LIMITS.cohortInvitesPerUser, facilitator.id)) || !(await hit(db, LIMITS.mailPerAddress, email))) {
			limited.push(email);
			continue;
		}
		const [invitee] = await db.select({ id: user.id, locale: user.locale }).from(user).where(eq(user.email, email));
		const locale = (invitee?.locale ?? facilitator.locale) as AppLocale;
		await db.transaction(async (tx) => {
			const { token, id } = newToken();
			await tx.insert(cohortInvitation).values({ cohortId: c.id, email, tokenHash: id, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) });
			await sendMail(tx, {
				to: email,
				locale,
				kind: 'cohort_invitation',
				senderId: facilitator.id,
				userId: invitee?.id,
				link: `${origin}/${locale}/learn/cohorts/invitations/${token}`,
				words: COHORT_MAILS.cohort_invitation({ cohort: c.name, course: c.courseTitle, inviter: facilitator.name }, locale)
			});
		});
		sent.push(email);
	}
	return ok({ sent, limited });
}

/** The actor's account address, to match invitations against. */
async function addressOf(db: DbOrTx, actor: Actor): Promise<string | undefined> {
	if (!actor || !isUuid(actor.id)) return undefined;
	const [row] = await db.select({ email: user.email }).from(user).where(eq(user.id, actor.id));
	return row?.email;
}

/** The cohort an invitation link leads to, while it is valid and meant for the actor's address. */
export async function findCohortInvitation(db: DbOrTx, actor: Actor, token: string) {
	if (!actor || !can(actor, 'cohort:join')) return problem('forbidden');
	return ok(await findInvitation(db, token, await addressOf(db, actor)));
}

async function findInvitation(db: DbOrTx, token: string, email: string | undefined) {
	const [row] = await db
		.select({ invitationId: cohortInvitation.id, email: cohortInvitation.email, cohort })
		.from(cohortInvitation)
		.innerJoin(cohort, eq(cohort.id, cohortInvitation.cohortId))
		.where(and(eq(cohortInvitation.tokenHash, hashToken(token.slice(0, 100))), isNull(cohortInvitation.acceptedAt), gt(cohortInvitation.expiresAt, new Date())));
	if (!row) return { status: 'invalid' as const };
	if (row.email !== email) return { status: 'wrong_email' as const };
	return { status: 'valid' as const, invitationId: row.invitationId, cohort: row.cohort };
}

/**
 * The actor accepts an invitation: joins the cohort and uses the link up. A link that no longer
 * works is 'not_found' (key `invalid`), one meant for another address 'forbidden' (key `wrong_email`).
 */
export async function acceptCohortInvitation(db: DbOrTx, actor: Actor, ctx: { origin: string }, token: string): Promise<Result<{ cohortId: string }>> {
	if (!actor || !can(actor, 'cohort:join')) return problem('forbidden');
	const found = await findInvitation(db, token, await addressOf(db, actor));
	if (found.status === 'invalid') return problem('not_found', { field: 'form', key: 'invalid' });
	if (found.status === 'wrong_email') return problem('forbidden', { field: 'form', key: 'wrong_email' });
	const learner = { userId: actor.id, origin: ctx.origin };
	await db.transaction(async (tx) => {
		const used = await tx
			.update(cohortInvitation)
			.set({ acceptedAt: new Date() })
			.where(and(eq(cohortInvitation.id, found.invitationId), isNull(cohortInvitation.acceptedAt)))
			.returning({ id: cohortInvitation.id });
		if (used.length) await addMember(tx, learner, found.cohort);
	});
	return ok({ cohortId: found.cohort.id });
}
