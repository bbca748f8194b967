// An organisation's course progress for its leaders, by consent: each member chooses to let the
// leaders count their progress (revocable, audit-logged); the leaders see per course how many of
// those members are enrolled and have completed it — counts only, never who — and nothing until
// LEARNING_TEAM_MINIMUM members share.
import { and, eq, sql } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import { audit } from '../../audit/index.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { membership, organisation } from '../../db/schema/organisations.ts';
import { isUuid } from '../../forms/index.ts';
import { can, LEARNING_TEAM_MINIMUM, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';

export const LEARNING_AUDIT_EVENTS = ['learning_shared', 'learning_share_revoked'] as const;

export type TeamCourse = { slug: string; title: string; enrolled: number; completed: number };
export type TeamLearningPage = {
	organisation: { id: string; name: string };
	role: string;
	/** Whether the actor shares their own progress with this organisation's leaders. */
	sharing: boolean;
	/** How many members share. */
	shared: number;
	/** For leaders once enough members share: counts per course; otherwise null. */
	courses: TeamCourse[] | null;
	minimum: number;
};

async function place(db: DbOrTx, actor: Actor, organisationId: string) {
	if (!actor || !isUuid(organisationId)) return undefined;
	const [row] = await db
		.select({ name: organisation.name, role: membership.role, sharedAt: membership.learningSharedAt })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actor.id)));
	return row;
}

/** The organisation's learning page for one of its members (anyone else: not_found). */
export async function teamLearning(db: DbOrTx, actor: Actor, organisationId: string, locale: AppLocale): Promise<Result<TeamLearningPage>> {
	const mine = await place(db, actor, organisationId);
	if (!actor || !mine) return problem('not_found');
	const [{ n: shared } = { n: 0 }] = await queryRows<{ n: number }>(
		db,
		sql`select count(*)::int as n from membership where organisation_id = ${organisationId} and learning_shared_at is not null`
	);
	let courses: TeamCourse[] | null = null;
	if (can(actor, 'learning:team', { role: mine.role, sharing: shared })) {
		courses = await queryRows<TeamCourse>(
			db,
			sql`select co.slug,
					coalesce((select t.title from course_translation t where t.course_id = co.id and t.locale = ${locale}),
						(select t.title from course_translation t where t.course_id = co.id and t.locale = ${BASE_LOCALE}), co.slug) as title,
					count(*)::int as enrolled, count(e.completed_at)::int as completed
				from membership m
				join enrolment e on e.user_id = m.user_id
				join course co on co.id = e.course_id
				where m.organisation_id = ${organisationId} and m.learning_shared_at is not null
				group by co.id, co.slug
				order by enrolled desc, co.slug`
		);
	}
	return ok({ organisation: { id: organisationId, name: mine.name }, role: mine.role, sharing: mine.sharedAt !== null, shared, courses, minimum: LEARNING_TEAM_MINIMUM });
}

/** Starts or stops letting the organisation's leaders count the actor's course progress. */
export async function setLearningShare(db: DbOrTx, actor: Actor, organisationId: string, on: boolean, ctx: { ip: string | null }): Promise<Result> {
	const mine = await place(db, actor, organisationId);
	if (!actor || !mine || !can(actor, 'learning:share', { userId: actor.id, role: mine.role })) return problem('not_found');
	if ((mine.sharedAt !== null) === on) return ok();
	await db.transaction(async (tx) => {
		await tx
			.update(membership)
			.set({ learningSharedAt: on ? sql`now()` : null })
			.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actor.id)));
		await audit(tx, { event: on ? 'learning_shared' : 'learning_share_revoked', actorId: actor.id, subjectId: actor.id, ip: ctx.ip, detail: { organisation: organisationId } });
	});
	return ok();
}
