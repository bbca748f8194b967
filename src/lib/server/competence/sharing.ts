// Sharing a self-assessment with the leaders of one's organisation: explicit, revocable, audited.
// A leader sees a shared assessment's results while the share stands, and a team overview (median
// and spread per area, never anyone's answers) only when at least TEAM_MINIMUM members share one.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { audit } from '../audit/index.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { competenceAssessment, competenceShare } from '../db/schema/competence.ts';
import { membership, organisation } from '../db/schema/organisations.ts';
import { user } from '../db/schema/accounts.ts';
import { isUuid } from '../forms/index.ts';
import { can, isOrganisationRole, type Actor, type OrganisationRole } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { assessmentRow, resultsOf, type AreaResult } from './assessments.ts';

type Ctx = { ip: string | null };

async function roleIn(db: DbOrTx, userId: string, organisationId: string): Promise<OrganisationRole | null> {
	if (!isUuid(organisationId)) return null;
	const [m] = await db
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.userId, userId), eq(membership.organisationId, organisationId)));
	return m && isOrganisationRole(m.role) ? m.role : null;
}

export type ShareView = { id: string; organisationId: string; organisationName: string; sharedAt: Date; revokedAt: Date | null };

/** The actor's organisations (where they could share) and the shares of one of their assessments. */
export async function sharingOf(db: DbOrTx, actor: Actor, assessmentId: string): Promise<Result<{ organisations: { id: string; name: string }[]; shares: ShareView[] }>> {
	if (!actor || !isUuid(assessmentId)) return problem('not_found');
	const [row] = await db.select({ userId: competenceAssessment.userId }).from(competenceAssessment).where(eq(competenceAssessment.id, assessmentId));
	if (!row || !can(actor, 'competence:view', row)) return problem('not_found');
	const [organisations, shares] = await Promise.all([
		db
			.select({ id: organisation.id, name: organisation.name })
			.from(membership)
			.innerJoin(organisation, eq(organisation.id, membership.organisationId))
			.where(eq(membership.userId, actor.id))
			.orderBy(organisation.name),
		db
			.select({ id: competenceShare.id, organisationId: competenceShare.organisationId, organisationName: organisation.name, sharedAt: competenceShare.sharedAt, revokedAt: competenceShare.revokedAt })
			.from(competenceShare)
			.innerJoin(organisation, eq(organisation.id, competenceShare.organisationId))
			.where(eq(competenceShare.assessmentId, assessmentId))
			.orderBy(desc(competenceShare.sharedAt))
	]);
	return ok({ organisations, shares });
}

/** Shares one of the actor's assessments with the leaders of an organisation they belong to. */
export async function shareAssessment(db: DbOrTx, actor: Actor, assessmentId: string, organisationId: string, ctx: Ctx): Promise<Result<{ id: string }>> {
	if (!actor || !isUuid(assessmentId)) return problem('not_found');
	const [row] = await db.select({ userId: competenceAssessment.userId }).from(competenceAssessment).where(eq(competenceAssessment.id, assessmentId));
	if (!row || !can(actor, 'competence:view', row)) return problem('not_found');
	const role = await roleIn(db, actor.id, organisationId);
	if (!can(actor, 'competence:share', { userId: row.userId, role })) return problem('forbidden', { field: 'organisation', key: 'competence_error_not_member' });
	return db.transaction(async (tx) => {
		const [share] = await tx
			.insert(competenceShare)
			.values({ assessmentId, userId: actor.id, organisationId })
			.onConflictDoUpdate({ target: [competenceShare.userId, competenceShare.organisationId, competenceShare.assessmentId], set: { sharedAt: new Date(), revokedAt: null } })
			.returning({ id: competenceShare.id });
		await audit(tx, { event: 'competence_shared', actorId: actor.id, subjectId: actor.id, ip: ctx.ip, detail: { organisation: organisationId } });
		return ok({ id: share!.id });
	});
}

/** Withdraws a share: from now on the leaders see nothing of that assessment. */
export async function revokeShare(db: DbOrTx, actor: Actor, shareId: string, ctx: Ctx): Promise<Result> {
	if (!actor || !isUuid(shareId)) return problem('not_found');
	const [share] = await db.select().from(competenceShare).where(eq(competenceShare.id, shareId));
	if (!share || !can(actor, 'competence:edit', share)) return problem('not_found');
	if (share.revokedAt) return ok();
	await db.transaction(async (tx) => {
		await tx.update(competenceShare).set({ revokedAt: new Date() }).where(eq(competenceShare.id, shareId));
		await audit(tx, { event: 'competence_share_revoked', actorId: actor.id, subjectId: actor.id, ip: ctx.ip, detail: { organisation: share.organisationId } });
	});
	return ok();
}

/** A shared assessment's results, as a leader of the organisation it was shared with sees them. */
export async function viewSharedAssessment(db: DbOrTx, actor: Actor, shareId: string, locale: AppLocale): Promise<Result<{ areas: AreaResult[]; highest: number; sharedAt: Date }>> {
	if (!actor || !isUuid(shareId)) return problem('not_found');
	const [share] = await db.select().from(competenceShare).where(eq(competenceShare.id, shareId));
	const role = share ? await roleIn(db, actor.id, share.organisationId) : null;
	if (!share || !can(actor, 'competence:view_shared', { role, share })) return problem('not_found');
	// The share is the owner's consent to exactly this: the results of this one assessment.
	const row = await assessmentRow(db, share.assessmentId);
	const results = row && (await resultsOf(db, row, locale));
	if (!results) return problem('not_found');
	return ok({ areas: results.areas, highest: results.highest, sharedAt: share.sharedAt });
}

export type TeamArea = { key: string; title: string; median: number; min: number; max: number; count: number };

const median = (values: number[]) => {
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Median and spread per area over the members' latest shared assessments (one per member), for a
 * leader of the organisation, when at least TEAM_MINIMUM members share one.
 */
export async function teamOverview(db: DbOrTx, actor: Actor, organisationId: string, locale: AppLocale): Promise<Result<{ members: number; areas: TeamArea[] }>> {
	if (!actor) return problem('not_found');
	const role = await roleIn(db, actor.id, organisationId);
	if (!role) return problem('not_found');
	const latest = await db
		.selectDistinctOn([competenceShare.userId], { userId: competenceShare.userId, assessmentId: competenceShare.assessmentId })
		.from(competenceShare)
		.innerJoin(membership, and(eq(membership.userId, competenceShare.userId), eq(membership.organisationId, competenceShare.organisationId)))
		.where(and(eq(competenceShare.organisationId, organisationId), isNull(competenceShare.revokedAt)))
		.orderBy(competenceShare.userId, desc(competenceShare.sharedAt));
	if (!can(actor, 'competence:team', { role, shares: latest.length })) return problem('forbidden', { key: 'competence_team_too_few' });
	const ids = latest.map((l) => l.assessmentId);
	// Scores per assessment and area, in SQL: never the answers themselves.
	const list = await queryRows<{ assessment_id: string; area_key: string; score: number }>(db, sql`
		select a.assessment_id, a.area_key, avg(a.value)::float8 as score from competence_answer a
		where a.assessment_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and a.value > 0
		group by a.assessment_id, a.area_key`);
	// The area titles, from the newest shared assessment's version.
	const row = await assessmentRow(db, latest[0]!.assessmentId);
	const titles = row && (await resultsOf(db, row, locale));
	const areas: TeamArea[] = (titles ? titles.areas : []).map((a) => {
		const scores = list.filter((r) => r.area_key === a.key).map((r) => Number(r.score));
		return scores.length
			? { key: a.key, title: a.title, median: Math.round(median(scores) * 100) / 100, min: Math.round(Math.min(...scores) * 100) / 100, max: Math.round(Math.max(...scores) * 100) / 100, count: scores.length }
			: { key: a.key, title: a.title, median: 0, min: 0, max: 0, count: 0 };
	});
	return ok({ members: latest.length, areas });
}

export type SharedWithTeam = { id: string; name: string; sharedAt: Date };

/**
 * What a leader of an organisation sees of its members' self-assessments: the standing shares (who
 * chose to share, and when) and the team overview when at least TEAM_MINIMUM members share one.
 * Someone who does not lead the organisation is 'not_found'.
 */
export async function teamPage(db: DbOrTx, actor: Actor, organisationId: string, locale: AppLocale): Promise<Result<{ name: string; shares: SharedWithTeam[]; team: { members: number; areas: TeamArea[] } | null }>> {
	if (!actor) return problem('not_found');
	const role = await roleIn(db, actor.id, organisationId);
	if (role !== 'owner' && role !== 'leader') return problem('not_found');
	const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
	const shares = await db
		.select({ id: competenceShare.id, name: user.displayName, sharedAt: competenceShare.sharedAt })
		.from(competenceShare)
		.innerJoin(user, eq(user.id, competenceShare.userId))
		.innerJoin(membership, and(eq(membership.userId, competenceShare.userId), eq(membership.organisationId, competenceShare.organisationId)))
		.where(and(eq(competenceShare.organisationId, organisationId), isNull(competenceShare.revokedAt)))
		.orderBy(user.displayName, desc(competenceShare.sharedAt));
	const team = await teamOverview(db, actor, organisationId, locale);
	return ok({ name: org!.name, shares, team: team.ok ? team.value : null });
}
