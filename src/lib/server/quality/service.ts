import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { formatDate } from '../../i18n/format.ts';
import { isAppLocale, type AppLocale } from '../../i18n/locales.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { qualityAction, qualityAnswer, qualityBenchmarkContribution, qualityBenchmarkOptIn, qualityRater, qualityRaterArea, qualityRound } from '../db/schema/quality.ts';
import { audit } from '../audit/index.ts';
import { benchmarkOf, contributionOf, type Benchmark } from './benchmark.ts';
import { isUuid } from '../forms/index.ts';
import { assessmentVersions } from '../frameworks/queries.ts';
import { getCourseOutline, lessonsInOrder, listCourses } from '../learn/catalogue/index.ts';
import { sendMail } from '../mail/index.ts';
import { hit, LIMITS } from '../ratelimit/index.ts';
import { getOrganisationForMember, listMembers, listMyOrganisations } from '../organisations/service.ts';
import { can, type Actor, type OrganisationRole } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { QUALITY_MAILS } from './mail.ts';
import { areasInScope, assessmentFramework, type Area, type AssessmentFramework } from './framework.ts';
import { trainingUptake, type TrainingUptake } from '../learn/progress/index.ts';
import { linkableResources, publishedResourceId, resourceUptake, type ResourceUptake } from '../resources/index.ts';
import { resource } from '../db/schema/resources.ts';
import { practiceBenchmark, practiceTarget } from '../db/schema/practices.ts';
import { MIN_GROUP, RATER_ROLES, resultsFrom, storeResults, type RaterRole, type RoundResults, type StoredResults } from './results.ts';
import { collator } from '../../i18n/format.ts';
import { ownerSummary, type OwnerSummary } from './summary.ts';

/** Sorts labels with numbers in them by their numbers ("Rater 2" before "Rater 10"). */
const naturalOrder = collator('en', { numeric: true });

// Our quality: rounds, raters and answers. Every function takes the actor and asks the policy
// (policies/quality.ts) on its first lines; someone outside the organisation gets a bare
// 'not_found', exactly as for a round that does not exist. An external rater has no account: the
// functions taking a link token are authorised by the token (only its SHA-256 is stored), reach
// only that rater's round, and refuse once the round has closed.

export const ROUND_ROLES = ['leader', 'member'] as const;
export type RoundRole = (typeof ROUND_ROLES)[number];
export const ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const TEXT_MAX = 2000;

const notFound = () => problem('not_found');

/** The actor's role in an organisation and its name, or null when they are not a member. */
async function standing(db: DbOrTx, actor: Actor, organisationId: string): Promise<{ role: OrganisationRole; name: string; sector: string } | null> {
	const found = await getOrganisationForMember(db, actor, organisationId);
	return found.ok ? { role: found.value.role, name: found.value.name, sector: found.value.sector } : null;
}

/** The rater role a member of the organisation rates as. */
const raterRoleOf = (role: OrganisationRole): RaterRole => (role === 'member' ? 'practitioner' : 'leader');

/** Today in UTC as YYYY-MM-DD (server time is UTC). */
const today = () => new Date().toISOString().slice(0, 10);

export type RoundSummary = {
	id: string;
	title: string;
	status: string;
	deadline: string;
	createdAt: Date;
	closedAt: Date | null;
	raters: number;
	respondents: number;
};

async function roundSummaries(db: DbOrTx, organisationIds: string[]): Promise<(RoundSummary & { organisationId: string })[]> {
	if (!organisationIds.length) return [];
	return db
		.select({
			id: qualityRound.id,
			organisationId: qualityRound.organisationId,
			title: qualityRound.title,
			status: qualityRound.status,
			deadline: qualityRound.deadline,
			createdAt: qualityRound.createdAt,
			closedAt: qualityRound.closedAt,
			raters: sql<number>`(select count(*)::int from quality_rater r where r.round_id = ${qualityRound.id})`,
			respondents: sql<number>`(select count(distinct a.rater_id)::int from quality_rater_area a join quality_rater r on r.id = a.rater_id where r.round_id = ${qualityRound.id})`
		})
		.from(qualityRound)
		.where(inArray(qualityRound.organisationId, organisationIds))
		.orderBy(desc(qualityRound.createdAt));
}

export type QualityHome = {
	organisations: { id: string; name: string; lead: boolean; rounds: RoundSummary[] }[];
	toAnswer: { roundId: string; title: string; organisation: string; deadline: string; saved: number; areas: number }[];
};

/** The actor's organisations with their rounds, and the open rounds they are asked to rate in. */
export async function qualityHome(db: DbOrTx, actor: Actor): Promise<Result<QualityHome>> {
	const mine = await listMyOrganisations(db, actor);
	if (!mine.ok || !actor) return notFound();
	const orgs = mine.value.filter((o) => can(actor, 'quality:view', { role: o.role as OrganisationRole }));
	const rounds = await roundSummaries(
		db,
		orgs.map((o) => o.id)
	);
	const asked = await db
		.select({
			roundId: qualityRound.id,
			organisationId: qualityRound.organisationId,
			title: qualityRound.title,
			deadline: qualityRound.deadline,
			areas: sql<number>`cardinality(${qualityRound.areaKeys})`,
			saved: sql<number>`(select count(*)::int from quality_rater_area a where a.rater_id = ${qualityRater.id})`
		})
		.from(qualityRater)
		.innerJoin(qualityRound, eq(qualityRound.id, qualityRater.roundId))
		.where(and(eq(qualityRater.userId, actor.id), eq(qualityRound.status, 'open')))
		.orderBy(asc(qualityRound.deadline));
	const names = new Map(orgs.map((o) => [o.id, o.name]));
	return ok({
		organisations: orgs.map((o) => ({
			id: o.id,
			name: o.name,
			lead: can(actor, 'quality:lead', { role: o.role as OrganisationRole }),
			rounds: rounds.filter((r) => r.organisationId === o.id)
		})),
		toAnswer: asked.flatMap((a) => (names.has(a.organisationId) ? [{ ...a, organisation: names.get(a.organisationId)! }] : []))
	});
}

export type RoundSetup = { framework: number; title: string; anonymous: boolean; liveResults: boolean; roles: RoundRole[]; areas: string[] };

export type OrganisationQuality = {
	organisation: { id: string; name: string; role: OrganisationRole };
	lead: boolean;
	rounds: RoundSummary[];
	/** For leaders: the assessment frameworks a round can use, with their areas. */
	frameworks: { versionId: number; title: string; areas: { key: string; title: string; placeholder: boolean }[] }[];
	/** For leaders: the set-up of the latest round, for "copy last round". */
	last: RoundSetup | null;
	members: { leader: number; practitioner: number };
	/** The organisation's people, for owners of actions and their names. */
	people: { userId: string; displayName: string }[];
	/** The criteria of the latest round's framework, for the plan's priorities. */
	criteria: { key: string; title: string; code: string | null }[];
	/** For leaders: the courses, lessons and resources an action can link to (see TrainingOption). */
	training: TrainingOption[];
	actions: ActionView[];
	/**
	 * Staff uptake of the training the actions link to, by `course` / `course/module/lesson`: how many
	 * of the organisation's members have started and completed it; of a linked resource, by slug,
	 * how many have it on their shelf or in a session plan. Counts only; null (not shown) while the
	 * organisation has fewer than MIN_GROUP members, whose counts could name someone.
	 */
	uptake: { members: number; byTraining: Record<string, TrainingUptake>; byResource: Record<string, ResourceUptake> } | null;
	/** Whether the organisation contributes to the sector benchmark, and whether the actor may change that. */
	benchmark: { optedIn: boolean; may: boolean; sector: string };
};

/** An organisation's quality page: its rounds and plan; for leaders what opening a round needs. */
export async function organisationQuality(db: DbOrTx, actor: Actor, organisationId: string, locale: AppLocale): Promise<Result<OrganisationQuality>> {
	const seen = await standing(db, actor, organisationId);
	if (!seen || !can(actor, 'quality:view', seen)) return notFound();
	const lead = can(actor, 'quality:lead', seen);
	const rounds = await roundSummaries(db, [organisationId]);
	const members = await listMembers(db, actor, organisationId);
	const counts = { leader: 0, practitioner: 0 };
	for (const m of members.ok ? members.value : []) counts[raterRoleOf(m.role) as 'leader' | 'practitioner']++;
	let frameworks: OrganisationQuality['frameworks'] = [];
	let last: RoundSetup | null = null;
	let training: OrganisationQuality['training'] = [];
	let criteria: OrganisationQuality['criteria'] = [];
	const [latestRound] = rounds;
	if (latestRound) {
		const [row] = await db.select({ versionId: qualityRound.frameworkVersionId }).from(qualityRound).where(eq(qualityRound.id, latestRound.id));
		const fw = row ? await assessmentFramework(db, row.versionId, locale) : undefined;
		criteria = fw ? fw.areas.flatMap((a) => a.criteria.map((c) => ({ key: c.key, title: c.title, code: c.code }))) : [];
	}
	const actions = await actionsOf(db, organisationId);
	if (lead || actions.some((a) => a.training)) training = await trainingOptions(db, locale);
	if (lead) {
		const versions = await assessmentVersions(db, locale);
		frameworks = (
			await Promise.all(
				versions.map(async (v) => {
					const fw = await assessmentFramework(db, v.versionId, locale);
					return fw ? [{ versionId: v.versionId, title: `${v.title} (${v.version})`, areas: fw.areas.map((a) => ({ key: a.key, title: a.title, placeholder: a.placeholder })) }] : [];
				})
			)
		).flat();
		const [latest] = await db.select().from(qualityRound).where(eq(qualityRound.organisationId, organisationId)).orderBy(desc(qualityRound.createdAt)).limit(1);
		if (latest)
			last = {
				framework: latest.frameworkVersionId,
				title: latest.title,
				anonymous: latest.anonymous,
				liveResults: latest.liveResults,
				roles: latest.raterRoles.filter((r): r is RoundRole => (ROUND_ROLES as readonly string[]).includes(r)),
				areas: latest.areaKeys
			};
	}
	const staff = members.ok ? members.value : [];
	const linked = actions.flatMap((a) => (a.courseSlug ? [{ courseSlug: a.courseSlug, lessonRef: a.lessonRef }] : []));
	const resources = actions.flatMap((a) => (a.resourceSlug ? [a.resourceSlug] : []));
	const people = staff.map((m) => m.userId);
	const uptake =
		staff.length >= MIN_GROUP
			? {
					members: staff.length,
					byTraining: Object.fromEntries(await trainingUptake(db, people, linked)),
					byResource: Object.fromEntries(await resourceUptake(db, people, resources))
				}
			: null;
	const [optIn] = await db.select({ at: qualityBenchmarkOptIn.optedInAt }).from(qualityBenchmarkOptIn).where(eq(qualityBenchmarkOptIn.organisationId, organisationId));
	return ok({
		uptake,
		benchmark: { optedIn: !!optIn, may: can(actor, 'quality:benchmark', seen), sector: seen.sector },
		organisation: { id: organisationId, name: seen.name, role: seen.role },
		lead,
		rounds,
		frameworks,
		last,
		members: counts,
		people: members.ok ? members.value.map((m) => ({ userId: m.userId, displayName: m.displayName })) : [],
		criteria,
		training,
		actions
	});
}

/** `liveResults`: the leaders see the results (computed from the answers so far) while the round is open. */
export type RoundInput = { framework: number; title: string; deadline: string; anonymous: boolean; liveResults?: boolean; roles: RoundRole[]; areas: string[] };

/**
 * Opens a round: the members of the chosen roles become its raters, in one transaction. External
 * raters are added afterwards, one link each (`addExternalLink`).
 */
export async function openRound(db: DbOrTx, actor: Actor, organisationId: string, input: RoundInput, locale: AppLocale): Promise<Result<{ id: string }>> {
	const seen = await standing(db, actor, organisationId);
	if (!actor || !seen || !can(actor, 'quality:lead', seen)) return notFound();
	const framework = await assessmentFramework(db, input.framework, locale);
	if (!framework) return problem('invalid', { field: 'framework', key: 'quality_error_framework' });
	const areas = framework.areas.filter((a) => input.areas.includes(a.key)).map((a) => a.key);
	if (!areas.length || areas.length !== new Set(input.areas).size) return problem('invalid', { field: 'areas', key: 'quality_error_areas' });
	if (!input.roles.length) return problem('invalid', { field: 'roles', key: 'quality_error_roles' });
	if (input.deadline < today()) return problem('invalid', { field: 'deadline', key: 'quality_error_deadline' });
	const members = await listMembers(db, actor, organisationId);
	if (!members.ok) return members;
	const raters = members.value.filter((m) => input.roles.includes(m.role === 'member' ? 'member' : 'leader'));
	return db.transaction(async (tx) => {
		const [round] = await tx
			.insert(qualityRound)
			.values({
				organisationId,
				frameworkVersionId: framework.versionId,
				title: input.title,
				deadline: input.deadline,
				anonymous: input.anonymous,
				liveResults: input.liveResults ?? false,
				raterRoles: input.roles,
				areaKeys: areas,
				createdBy: actor.id
			})
			.returning({ id: qualityRound.id });
		if (raters.length) await tx.insert(qualityRater).values(raters.map((m) => ({ roundId: round!.id, userId: m.userId, role: raterRoleOf(m.role) })));
		return ok({ id: round!.id });
	});
}

type RoundRow = typeof qualityRound.$inferSelect;

async function loadRound(db: DbOrTx, roundId: string, lock = false): Promise<RoundRow | undefined> {
	if (!isUuid(roundId)) return undefined;
	const query = db.select().from(qualityRound).where(eq(qualityRound.id, roundId));
	const [row] = lock ? await query.for('update') : await query;
	return row;
}

/** A round and the actor's standing in its organisation, or null (not found, or not a member). */
async function roundAsMember(db: DbOrTx, actor: Actor, roundId: string, lock = false) {
	const round = await loadRound(db, roundId, lock);
	if (!round) return null;
	const seen = await standing(db, actor, round.organisationId);
	if (!seen || !can(actor, 'quality:view', seen)) return null;
	return { round, seen };
}

/** Adds an external rater (a service user, a partner) to an open round: the link's token, shown once. */
export async function addExternalLink(db: DbOrTx, actor: Actor, roundId: string, label: string): Promise<Result<{ token: string }>> {
	const found = await roundAsMember(db, actor, roundId);
	if (!found || !can(actor, 'quality:lead', found.seen)) return notFound();
	if (found.round.status !== 'open') return problem('conflict', { field: 'label', key: 'quality_error_closed' });
	const { token, id } = newToken();
	await db.insert(qualityRater).values({ roundId, role: 'external', linkHash: id, label });
	return ok({ token });
}

/** Closes an open round: answers can no longer change, and the results appear. */
export async function closeRound(db: DbOrTx, actor: Actor, roundId: string): Promise<Result> {
	return db.transaction(async (tx) => {
		const found = await roundAsMember(tx, actor, roundId, true);
		if (!found || !can(actor, 'quality:lead', found.seen)) return notFound();
		if (found.round.status !== 'open') return problem('conflict', { field: 'close', key: 'quality_error_closed' });
		// The answers can no longer change: the figures are kept with the round (no words in them).
		const framework = await assessmentFramework(tx, found.round.frameworkVersionId, 'en');
		const results = framework ? await computeStored(tx, found.round, areasInScope(framework, found.round.areaKeys), framework.scale) : null;
		const closedAt = new Date();
		await tx.update(qualityRound).set({ status: 'closed', closedAt, results }).where(eq(qualityRound.id, roundId));
		// An organisation in the sector benchmark contributes the round's area medians (no words, no people).
		const [optedIn] = await tx.select({ id: qualityBenchmarkOptIn.organisationId }).from(qualityBenchmarkOptIn).where(eq(qualityBenchmarkOptIn.organisationId, found.round.organisationId));
		const contribution = optedIn && results ? contributionOf({ ...found.round, closedAt, results }, found.seen.sector) : null;
		if (contribution) await tx.insert(qualityBenchmarkContribution).values(contribution).onConflictDoNothing();
		return ok();
	});
}

/**
 * Mails every member asked to rate in an open round who has not finished, in their own language,
 * with a link back to their answers: at most once per round a day (external raters have no
 * address; their leader sends the link again). Answers how many were reminded.
 */
export async function remindRaters(db: DbOrTx, actor: Actor, roundId: string, origin: string): Promise<Result<{ reminded: number }>> {
	return db.transaction(async (tx) => {
		const found = await roundAsMember(tx, actor, roundId, true);
		if (!found || !can(actor, 'quality:lead', found.seen)) return notFound();
		const { round, seen } = found;
		if (round.status !== 'open') return problem('conflict', { field: 'remind', key: 'quality_error_closed' });
		const unfinished = await tx
			.select({ id: user.id, email: user.email, locale: user.locale })
			.from(qualityRater)
			.innerJoin(user, eq(user.id, qualityRater.userId))
			.innerJoin(qualityRound, eq(qualityRound.id, qualityRater.roundId))
			.where(
				and(
					eq(qualityRater.roundId, round.id),
					sql`(select count(*)::int from quality_rater_area a where a.rater_id = ${qualityRater.id} and a.area_key = any(${qualityRound.areaKeys})) < cardinality(${qualityRound.areaKeys})`
				)
			);
		if (!unfinished.length) return ok({ reminded: 0 });
		if (!(await hit(tx, LIMITS.qualityRemindersPerRound, round.id))) return problem('rate_limited', { field: 'remind', key: 'quality_error_reminded' });
		for (const person of unfinished) {
			const locale: AppLocale = isAppLocale(person.locale) ? person.locale : 'en';
			await sendMail(tx, {
				to: person.email,
				userId: person.id,
				senderId: actor!.id,
				locale,
				kind: 'quality_reminder',
				link: `${origin}/${locale}/quality/rounds/${round.id}/answer`,
				words: QUALITY_MAILS.quality_reminder({ round: round.title, organisation: seen.name, deadline: formatDate(round.deadline, locale) }, locale)
			});
		}
		return ok({ reminded: unfinished.length });
	});
}

export type AnswerView = { value: number | null; evidence: string; comment: string };
export type RaterProgress = { areas: { key: string; code: string | null; title: string; saved: boolean }[]; saved: number };

export type RoundView = {
	round: { id: string; title: string; status: string; deadline: string; anonymous: boolean; liveResults: boolean; createdAt: Date; closedAt: Date | null; organisationId: string; organisation: string };
	framework: { title: string; version: string; slug: string; sourceCitation: string; scale: AssessmentFramework['scale'] };
	areas: Area[];
	lead: boolean;
	/** The actor's own rating, if they are asked to rate. */
	mine: RaterProgress | null;
	/** For leaders: how many were asked and how many answered, per role; the external links. */
	responses: { role: RaterRole; asked: number; started: number; finished: number }[] | null;
	links: { id: string; label: string; saved: number }[] | null;
	/** Who has finished (only for leaders of a round that is not anonymous). */
	finishedNames: string[] | null;
	results: RoundResults | null;
	previous: { id: string; title: string } | null;
	/** Each closed round up to this one (oldest first) with its areas' medians, in `areas` order; null with fewer than two. */
	trend: { id: string; title: string; closedAt: Date | null; medians: (number | null)[] }[] | null;
	/** The sector benchmark for a closed round's results (shown only over enough organisations). */
	benchmark: Benchmark | null;
	actions: ActionView[];
};

async function progressOf(db: DbOrTx, raterId: string, areas: Area[]): Promise<RaterProgress> {
	const saved = new Set((await db.select({ key: qualityRaterArea.areaKey }).from(qualityRaterArea).where(eq(qualityRaterArea.raterId, raterId))).map((r) => r.key));
	return { areas: areas.map((a) => ({ key: a.key, code: a.code, title: a.title, saved: saved.has(a.key) })), saved: areas.filter((a) => saved.has(a.key)).length };
}

/** The closed rounds of this round's organisation on the same framework version, up to and including it, oldest first. */
async function closedRoundsUpTo(db: DbOrTx, round: RoundRow): Promise<RoundRow[]> {
	return db
		.select()
		.from(qualityRound)
		.where(
			and(
				eq(qualityRound.organisationId, round.organisationId),
				eq(qualityRound.frameworkVersionId, round.frameworkVersionId),
				eq(qualityRound.status, 'closed'),
				// Compared in SQL: the row keeps microseconds that a JavaScript Date would round away.
				sql`${qualityRound.createdAt} <= (select r.created_at from quality_round r where r.id = ${round.id})`
			)
		)
		.orderBy(asc(qualityRound.createdAt));
}

/** Computes a round's figures from its raters and answers: two queries. */
async function computeStored(db: DbOrTx, round: RoundRow, areas: Area[], scale: AssessmentFramework['scale']): Promise<StoredResults> {
	const raters = await db.select({ id: qualityRater.id, role: qualityRater.role }).from(qualityRater).where(eq(qualityRater.roundId, round.id));
	const answers = await db
		.select({ raterId: qualityAnswer.raterId, indicatorKey: qualityAnswer.indicatorKey, value: qualityAnswer.value })
		.from(qualityAnswer)
		.innerJoin(qualityRater, eq(qualityRater.id, qualityAnswer.raterId))
		.where(eq(qualityRater.roundId, round.id));
	return storeResults(areas, scale, raters, answers);
}

/** A round's figures: kept with a closed round, computed for one that is still open. */
async function storedResultsOf(db: DbOrTx, round: RoundRow, areas: Area[], scale: AssessmentFramework['scale']): Promise<StoredResults> {
	return round.status === 'closed' && round.results ? round.results : computeStored(db, round, areas, scale);
}

/** A round as a member of its organisation sees it; results once it has closed. */
export async function roundView(db: DbOrTx, actor: Actor, roundId: string, locale: AppLocale): Promise<Result<RoundView>> {
	const found = await roundAsMember(db, actor, roundId);
	if (!actor || !found) return notFound();
	const { round, seen } = found;
	const framework = await assessmentFramework(db, round.frameworkVersionId, locale);
	if (!framework) return notFound();
	const areas = areasInScope(framework, round.areaKeys);
	const lead = can(actor, 'quality:lead', seen);
	const [me] = await db
		.select({ id: qualityRater.id })
		.from(qualityRater)
		.where(and(eq(qualityRater.roundId, round.id), eq(qualityRater.userId, actor.id)));
	let responses: RoundView['responses'] = null;
	let links: RoundView['links'] = null;
	let finishedNames: string[] | null = null;
	if (lead) {
		const rows = await db
			.select({
				id: qualityRater.id,
				userId: qualityRater.userId,
				role: qualityRater.role,
				label: qualityRater.label,
				saved: sql<number>`(select count(*)::int from quality_rater_area a where a.rater_id = ${qualityRater.id} and a.area_key = any(${qualityRound.areaKeys}))`
			})
			.from(qualityRater)
			.innerJoin(qualityRound, eq(qualityRound.id, qualityRater.roundId))
			.where(eq(qualityRater.roundId, round.id))
			.orderBy(asc(qualityRater.createdAt));
		responses = RATER_ROLES.map((role) => {
			const group = rows.filter((r) => r.role === role);
			return { role, asked: group.length, started: group.filter((r) => r.saved > 0).length, finished: group.filter((r) => r.saved >= areas.length).length };
		});
		links = rows.filter((r) => r.role === 'external').map((r) => ({ id: r.id, label: r.label ?? '', saved: r.saved }));
		if (!round.anonymous) {
			const finished = new Set(rows.filter((r) => r.userId && r.saved >= areas.length).map((r) => r.userId!));
			const members = await listMembers(db, actor, round.organisationId);
			finishedNames = members.ok ? members.value.filter((m) => finished.has(m.userId)).map((m) => m.displayName) : [];
		}
	}
	let results: RoundResults | null = null;
	let previous: RoundView['previous'] = null;
	let trend: RoundView['trend'] = null;
	let benchmark: Benchmark | null = null;
	// Live results (leaders of a round opened so): the same figures and the same anonymity rule,
	// computed from the answers so far on every view; nothing is kept until the round closes.
	if (can(actor, 'quality:results', { role: seen.role, status: round.status, liveResults: round.liveResults })) {
		const history = await closedRoundsUpTo(db, round);
		const before = history.filter((r) => r.id !== round.id).at(-1);
		let before_: StoredResults | undefined;
		if (before) {
			previous = { id: before.id, title: before.title };
			before_ = await storedResultsOf(db, before, areasInScope(framework, before.areaKeys), framework.scale);
		}
		const stored = await storedResultsOf(db, round, areas, framework.scale);
		results = resultsFrom(areas, framework.scale, stored, before_);
		// The trend over every closed round so far: each area's median as it was kept at close.
		if (round.status === 'closed') benchmark = await benchmarkOf(db, round.frameworkVersionId, seen.sector, areas, stored);
		if (round.status === 'closed' && history.length > 1) {
			const kept = await Promise.all(history.map((r) => (r.id === round.id ? stored : storedResultsOf(db, r, areasInScope(framework, r.areaKeys), framework.scale))));
			trend = history.map((r, i) => ({
				id: r.id,
				title: r.title,
				closedAt: r.closedAt,
				medians: areas.map((a) => kept[i]!.figures[`area:${a.key}`]?.median ?? null)
			}));
		}
	}
	return ok({
		round: {
			id: round.id,
			title: round.title,
			status: round.status,
			deadline: round.deadline,
			anonymous: round.anonymous,
			liveResults: round.liveResults,
			createdAt: round.createdAt,
			closedAt: round.closedAt,
			organisationId: round.organisationId,
			organisation: seen.name
		},
		framework: { title: framework.title, version: framework.version, slug: framework.slug, sourceCitation: framework.sourceCitation, scale: framework.scale },
		areas,
		lead,
		mine: me ? await progressOf(db, me.id, areas) : null,
		responses,
		links,
		finishedNames,
		results,
		previous,
		trend,
		benchmark,
		actions: await actionsOf(db, round.organisationId)
	});
}

/** A closed round's printable report: its results and the organisation's plan, for its members. */
export async function roundReport(db: DbOrTx, actor: Actor, roundId: string, locale: AppLocale): Promise<Result<RoundView & { people: { userId: string; displayName: string }[] }>> {
	const view = await roundView(db, actor, roundId, locale);
	if (!view.ok) return view;
	if (!view.value.results || view.value.round.status !== 'closed') return notFound();
	const members = await listMembers(db, actor, view.value.round.organisationId);
	return ok({ ...view.value, people: members.ok ? members.value.map((m) => ({ userId: m.userId, displayName: m.displayName })) : [] });
}

/** A closed round's one-page summary for owners: the headline per area, top priorities, the plan's progress. */
export async function roundSummary(db: DbOrTx, actor: Actor, roundId: string, locale: AppLocale): Promise<Result<{ round: RoundView['round']; framework: RoundView['framework']; previous: RoundView['previous']; hidden: boolean; respondents: number; raters: number; summary: OwnerSummary }>> {
	const view = await roundView(db, actor, roundId, locale);
	if (!view.ok) return view;
	const { results, round, framework, previous, actions } = view.value;
	if (!results || round.status !== 'closed') return notFound();
	return ok({ round, framework, previous, hidden: results.hidden, respondents: results.respondents, raters: results.raters, summary: ownerSummary(results, actions) });
}

/**
 * Opts the organisation in to the sector benchmark (its closed rounds' area medians are contributed,
 * and those of rounds it closes later) or out of it (its contributions are taken away). Leaders
 * only; audit-logged.
 */
export async function setBenchmark(db: DbOrTx, actor: Actor, organisationId: string, optIn: boolean, ctx: { ip: string }): Promise<Result<{ optedIn: boolean; contributed: number }>> {
	const seen = await standing(db, actor, organisationId);
	if (!actor || !seen || !can(actor, 'quality:view', seen)) return notFound();
	if (!can(actor, 'quality:benchmark', seen)) return problem('forbidden', { field: 'benchmark', key: 'quality_error_benchmark_leader' });
	return db.transaction(async (tx) => {
		let contributed = 0;
		if (optIn) {
			await tx.insert(qualityBenchmarkOptIn).values({ organisationId, optedInBy: actor.id }).onConflictDoNothing();
			const closed = await tx
				.select()
				.from(qualityRound)
				.where(and(eq(qualityRound.organisationId, organisationId), eq(qualityRound.status, 'closed'), isNotNull(qualityRound.results), isNotNull(qualityRound.closedAt)));
			const rows = closed.flatMap((r) => contributionOf({ ...r, closedAt: r.closedAt!, results: r.results! }, seen.sector) ?? []);
			if (rows.length) contributed = (await tx.insert(qualityBenchmarkContribution).values(rows).onConflictDoNothing().returning({ id: qualityBenchmarkContribution.roundId })).length;
		} else {
			await tx.delete(qualityBenchmarkContribution).where(eq(qualityBenchmarkContribution.organisationId, organisationId));
			await tx.delete(qualityBenchmarkOptIn).where(eq(qualityBenchmarkOptIn.organisationId, organisationId));
		}
		await audit(tx, { event: 'quality_benchmark_changed', actorId: actor.id, ip: ctx.ip, detail: { organisationId, optedIn: optIn } });
		return ok({ optedIn: optIn, contributed });
	});
}

// ── Answering ────────────────────────────────────────────────────────────────────────────────

/** Who is answering: a signed-in member, or the holder of an external link. */
export type Answerer = { actor: Actor; roundId: string } | { token: string };

type RaterRow = typeof qualityRater.$inferSelect;

/** The rater and round an answerer stands for, or null (the link or round names nothing of theirs). */
async function raterOf(db: DbOrTx, who: Answerer, lock = false): Promise<{ rater: RaterRow; round: RoundRow } | null> {
	let condition;
	if ('token' in who) {
		if (typeof who.token !== 'string' || !/^[\w-]{20,100}$/.test(who.token)) return null;
		condition = and(eq(qualityRater.linkHash, hashToken(who.token)), isNotNull(qualityRater.linkHash));
	} else {
		if (!who.actor || !isUuid(who.roundId)) return null;
		condition = and(eq(qualityRater.roundId, who.roundId), eq(qualityRater.userId, who.actor.id));
	}
	const query = db.select().from(qualityRater).where(condition);
	const [rater] = lock ? await query.for('update') : await query;
	if (!rater) return null;
	const round = await loadRound(db, rater.roundId);
	if (!round) return null;
	if (!('token' in who)) {
		// Still a member of the organisation (someone who left sees nothing).
		const seen = await standing(db, who.actor, round.organisationId);
		if (!seen) return null;
	}
	return { rater, round };
}

export type RatingView = {
	round: { id: string; title: string; status: string; deadline: string; organisation: string | null };
	framework: { title: string; scale: AssessmentFramework['scale'] };
	external: boolean;
	progress: RaterProgress;
	area: Area;
	answers: Record<string, AnswerView>;
	next: string | null;
};

/** One area of a round as its rater sees it, with their own answers (and only theirs). */
export async function ratingView(db: DbOrTx, who: Answerer, areaKey: string | null, locale: AppLocale): Promise<Result<RatingView>> {
	const found = await raterOf(db, who);
	if (!found) return notFound();
	const { rater, round } = found;
	// An external link works only while the round is open.
	if ('token' in who && round.status !== 'open') return problem('conflict', { key: 'quality_error_link_closed' });
	const framework = await assessmentFramework(db, round.frameworkVersionId, locale);
	if (!framework) return notFound();
	const areas = areasInScope(framework, round.areaKeys);
	const progress = await progressOf(db, rater.id, areas);
	const area = areaKey ? areas.find((a) => a.key === areaKey) : (areas.find((a) => !progress.areas.find((p) => p.key === a.key)?.saved) ?? areas[0]);
	if (!area) return notFound();
	const keys = area.criteria.flatMap((c) => c.indicators.map((i) => i.key));
	const rows = keys.length
		? await db
				.select()
				.from(qualityAnswer)
				.where(and(eq(qualityAnswer.raterId, rater.id), inArray(qualityAnswer.indicatorKey, keys)))
		: [];
	const index = areas.indexOf(area);
	let organisation: string | null = null;
	if (!('token' in who)) organisation = (await standing(db, who.actor, round.organisationId))?.name ?? null;
	return ok({
		round: { id: round.id, title: round.title, status: round.status, deadline: round.deadline, organisation },
		framework: { title: framework.title, scale: framework.scale },
		external: 'token' in who,
		progress,
		area,
		answers: Object.fromEntries(rows.map((r) => [r.indicatorKey, { value: r.value, evidence: r.evidence, comment: r.comment }])),
		next: areas[index + 1]?.key ?? null
	});
}

export type AreaAnswers = Record<string, { value: string; evidence: string; comment: string }>;

const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Saves a rater's answers to one area, all or nothing: every value must be a point of the scale
 * (or empty: cannot judge), every text within bounds, the round still open. Answers the form did
 * not send count as empty. A draft (kept as the rater types) keeps the answers without marking the
 * area as answered.
 */
export async function saveArea(
	db: DbOrTx,
	who: Answerer,
	areaKey: string,
	given: AreaAnswers,
	locale: AppLocale,
	{ draft = false }: { draft?: boolean } = {}
): Promise<Result<{ next: string | null; roundId: string }>> {
	return db.transaction(async (tx) => {
		const found = await raterOf(tx, who, true);
		if (!found) return notFound();
		const { rater, round } = found;
		if ('token' in who) {
			if (round.status !== 'open') return problem('conflict', { key: 'quality_error_link_closed' });
		} else if (!can(who.actor, 'quality:answer', { status: round.status, raterUserId: rater.userId })) {
			return round.status !== 'open' ? problem('conflict', { field: 'form', key: 'quality_error_closed' }) : notFound();
		}
		const framework = await assessmentFramework(tx, round.frameworkVersionId, locale);
		if (!framework) return notFound();
		const areas = areasInScope(framework, round.areaKeys);
		const area = areas.find((a) => a.key === areaKey);
		if (!area) return problem('not_found', { field: 'form', key: 'quality_error_area' });
		const allowed = new Set(framework.scale.map((p) => p.value));
		const rows: (typeof qualityAnswer.$inferInsert)[] = [];
		for (const indicator of area.criteria.flatMap((c) => c.indicators)) {
			const answer = given[indicator.key] ?? { value: '', evidence: '', comment: '' };
			const raw = answer.value.trim();
			let value: number | null = null;
			if (raw !== '') {
				value = /^-?\d{1,3}$/.test(raw) ? Number(raw) : NaN;
				if (!allowed.has(value)) return problem('invalid', { field: `value:${indicator.key}`, key: 'quality_error_value' });
			}
			for (const [field, text] of [
				['evidence', answer.evidence],
				['comment', answer.comment]
			] as const) {
				if (text.length > TEXT_MAX) return problem('invalid', { field: `${field}:${indicator.key}`, key: 'error_too_long' });
				if (CONTROL_IN_TEXT.test(text)) return problem('invalid', { field: `${field}:${indicator.key}`, key: 'error_invalid' });
			}
			rows.push({ raterId: rater.id, indicatorKey: indicator.key, value, evidence: answer.evidence.trim(), comment: answer.comment.trim() });
		}
		const unknown = Object.keys(given).filter((key) => !rows.some((r) => r.indicatorKey === key));
		if (unknown.length) return problem('invalid', { field: 'form', key: 'quality_error_indicator' });
		if (rows.length)
			await tx
				.insert(qualityAnswer)
				.values(rows)
				.onConflictDoUpdate({
					target: [qualityAnswer.raterId, qualityAnswer.indicatorKey],
					set: { value: sql`excluded.value`, evidence: sql`excluded.evidence`, comment: sql`excluded.comment`, updatedAt: sql`now()` }
				});
		if (!draft)
			await tx
				.insert(qualityRaterArea)
				.values({ raterId: rater.id, areaKey })
				.onConflictDoUpdate({ target: [qualityRaterArea.raterId, qualityRaterArea.areaKey], set: { savedAt: sql`now()` } });
		const index = areas.indexOf(area);
		return ok({ next: areas[index + 1]?.key ?? null, roundId: round.id });
	});
}

/**
 * What an action can link to: a published course (`course`), one of its lessons
 * (`course/module/lesson`) or a published resource of the library (`resource:slug`), labelled in
 * the reader's language (`lang` when a resource is shown in another one), grouped by kind.
 */
export type TrainingOption = { value: string; label: string; group: 'course' | 'lesson' | 'resource'; lang?: string };

const RESOURCE_PREFIX = 'resource:';

async function trainingOptions(db: DbOrTx, locale: AppLocale): Promise<TrainingOption[]> {
	const courses = await listCourses(db, locale);
	const [outlines, resources] = await Promise.all([Promise.all(courses.map((c) => getCourseOutline(db, c.slug, locale))), linkableResources(db, locale)]);
	const present = outlines.filter((o) => o !== undefined);
	return [
		...present.map((outline): TrainingOption => ({ value: outline.slug, label: outline.title, group: 'course' })),
		...present.flatMap((outline) =>
			lessonsInOrder(outline).map((l): TrainingOption => ({ value: `${outline.slug}/${l.moduleKey}/${l.key}`, label: `${outline.title} — ${l.moduleTitle} — ${l.title}`, group: 'lesson' }))
		),
		...resources.map((r): TrainingOption => ({ value: `${RESOURCE_PREFIX}${r.slug}`, label: r.title, group: 'resource', ...(r.shownLocale === locale ? {} : { lang: r.shownLocale }) }))
	];
}

type TrainingLink = { courseSlug: string | null; lessonRef: string | null; resourceId: number | null };

/** A chosen link as stored, or null when it names no published course, lesson or resource. */
async function trainingLink(db: DbOrTx, value: string): Promise<TrainingLink | null> {
	if (value.startsWith(RESOURCE_PREFIX)) {
		const id = await publishedResourceId(db, value.slice(RESOURCE_PREFIX.length));
		return id === null ? null : { courseSlug: null, lessonRef: null, resourceId: id };
	}
	const [courseSlug = '', ...lesson] = value.split('/');
	const outline = await getCourseOutline(db, courseSlug, 'en');
	if (!outline) return null;
	const ref = lesson.length ? lesson.join('/') : null;
	return ref === null || lessonsInOrder(outline).some((l) => `${l.moduleKey}/${l.key}` === ref) ? { courseSlug: outline.slug, lessonRef: ref, resourceId: null } : null;
}

// ── Development plan ─────────────────────────────────────────────────────────────────────────

export type ActionView = {
	id: string;
	roundId: string | null;
	criterionKey: string | null;
	goal: string;
	title: string;
	ownerId: string | null;
	deadline: string | null;
	status: ActionStatus;
	notes: string;
	courseSlug: string | null;
	lessonRef: string | null;
	resourceSlug: string | null;
	/** The linked course, lesson or resource as a TrainingOption value, or null. */
	training: string | null;
	/** The targets of the organisation's practice self-benchmark that point at this action. */
	targets: { id: string; title: string; status: string }[];
	overdue: boolean;
};

async function actionsOf(db: DbOrTx, organisationId: string): Promise<ActionView[]> {
	const rows = await db
		.select({ action: qualityAction, resourceSlug: resource.slug })
		.from(qualityAction)
		.leftJoin(resource, eq(resource.id, qualityAction.resourceId))
		.where(eq(qualityAction.organisationId, organisationId))
		.orderBy(asc(qualityAction.createdAt));
	// The practice inventory's targets link to actions (practices imports this capability, so the
	// other way round is read from its table): those of this organisation's self-benchmark only.
	const targets = rows.length
		? await db
				.select({ id: practiceTarget.id, title: practiceTarget.title, status: practiceTarget.status, actionId: practiceTarget.qualityActionId })
				.from(practiceTarget)
				.innerJoin(practiceBenchmark, eq(practiceBenchmark.id, practiceTarget.benchmarkId))
				.where(and(eq(practiceBenchmark.organisationId, organisationId), isNotNull(practiceTarget.qualityActionId)))
				.orderBy(asc(practiceTarget.dueOn), asc(practiceTarget.createdAt))
		: [];
	const now = today();
	return rows.map(({ action: r, resourceSlug }) => ({
		id: r.id,
		roundId: r.roundId,
		criterionKey: r.criterionKey,
		goal: r.goal,
		title: r.title,
		ownerId: r.ownerId,
		deadline: r.deadline,
		status: ((ACTION_STATUSES as readonly string[]).includes(r.status) ? r.status : 'planned') as ActionStatus,
		notes: r.notes,
		courseSlug: r.courseSlug,
		lessonRef: r.lessonRef,
		resourceSlug,
		training: resourceSlug ? `${RESOURCE_PREFIX}${resourceSlug}` : r.courseSlug ? [r.courseSlug, r.lessonRef].filter(Boolean).join('/') : null,
		targets: targets.filter((t) => t.actionId === r.id).map(({ id, title, status }) => ({ id, title, status })),
		overdue: r.status !== 'done' && !!r.deadline && r.deadline < now
	}));
}

export type ActionInput = {
	roundId: string | null;
	criterionKey: string | null;
	goal: string;
	title: string;
	ownerId: string | null;
	deadline: string | null;
	notes: string;
	/** `course`, `course/module/lesson` or `resource:slug` (a TrainingOption's value). */
	training: string | null;
};

/** Adds an action to the organisation's development plan (leaders). */
export async function addAction(db: DbOrTx, actor: Actor, organisationId: string, input: ActionInput): Promise<Result<{ id: string }>> {
	const seen = await standing(db, actor, organisationId);
	if (!actor || !seen || !can(actor, 'quality:lead', seen)) return notFound();
	if (input.roundId) {
		const round = await loadRound(db, input.roundId);
		if (!round || round.organisationId !== organisationId) return problem('invalid', { field: 'roundId', key: 'error_invalid' });
	}
	if (input.ownerId) {
		const members = await listMembers(db, actor, organisationId);
		if (!members.ok || !members.value.some((m) => m.userId === input.ownerId)) return problem('invalid', { field: 'owner', key: 'quality_error_owner' });
	}
	const link = input.training ? await trainingLink(db, input.training) : { courseSlug: null, lessonRef: null, resourceId: null };
	if (!link) return problem('invalid', { field: 'training', key: 'error_choose' });
	const [row] = await db
		.insert(qualityAction)
		.values({
			organisationId,
			roundId: input.roundId,
			criterionKey: input.criterionKey,
			goal: input.goal,
			title: input.title,
			ownerId: input.ownerId,
			deadline: input.deadline,
			notes: input.notes,
			...link
		})
		.returning({ id: qualityAction.id });
	return ok({ id: row!.id });
}

/**
 * Changes an action's status and notes (leaders, and the action's owner), and what it links to
 * (`training`: leaders only; null unlinks, undefined leaves it).
 */
export async function updateAction(
	db: DbOrTx,
	actor: Actor,
	organisationId: string,
	actionId: string,
	input: { status: ActionStatus; notes: string; training?: string | null }
): Promise<Result> {
	if (!actor || !isUuid(actionId) || !isUuid(organisationId)) return notFound();
	return db.transaction(async (tx) => {
		const [action] = await tx.select().from(qualityAction).where(eq(qualityAction.id, actionId)).for('update');
		if (!action || action.organisationId !== organisationId) return notFound();
		const seen = await standing(tx, actor, action.organisationId);
		if (!seen || !can(actor, 'quality:view', seen)) return notFound();
		const lead = can(actor, 'quality:lead', seen);
		if (!lead && action.ownerId !== actor.id) return problem('forbidden', { field: 'status', key: 'quality_error_not_owner' });
		let link: TrainingLink | null | undefined;
		if (input.training !== undefined) {
			if (!lead) return problem('forbidden', { field: 'training', key: 'quality_error_not_owner' });
			link = input.training ? await trainingLink(tx, input.training) : { courseSlug: null, lessonRef: null, resourceId: null };
			if (!link) return problem('invalid', { field: 'training', key: 'error_choose' });
		}
		await tx
			.update(qualityAction)
			.set({ status: input.status, notes: input.notes, ...(link ?? {}), updatedAt: new Date() })
			.where(eq(qualityAction.id, actionId));
		return ok();
	});
}

// ── Export ───────────────────────────────────────────────────────────────────────────────────

export type AnonymisedAnswer = {
	rater: string;
	role: string;
	area: string;
	criterion: string;
	indicator: string;
	value: number | null;
	evidence: string;
	comment: string;
};

/**
 * A closed round's answers without names, for leaders: raters are numbered in an order that says
 * nothing about who they are, and the role of a group smaller than three is not given.
 */
export async function anonymisedAnswers(db: DbOrTx, actor: Actor, roundId: string, locale: AppLocale): Promise<Result<{ title: string; rows: AnonymisedAnswer[] }>> {
	const found = await roundAsMember(db, actor, roundId);
	if (!found || !can(actor, 'quality:lead', found.seen) || !can(actor, 'quality:results', { role: found.seen.role, status: found.round.status })) return notFound();
	const framework = await assessmentFramework(db, found.round.frameworkVersionId, locale);
	if (!framework) return notFound();
	const raters = await db
		.select({ id: qualityRater.id, role: qualityRater.role })
		.from(qualityRater)
		.where(eq(qualityRater.roundId, roundId))
		.orderBy(asc(sql`md5(${qualityRater.id}::text)`));
	const answers = await db
		.select({ raterId: qualityAnswer.raterId, indicatorKey: qualityAnswer.indicatorKey, value: qualityAnswer.value, evidence: qualityAnswer.evidence, comment: qualityAnswer.comment })
		.from(qualityAnswer)
		.innerJoin(qualityRater, eq(qualityRater.id, qualityAnswer.raterId))
		.where(eq(qualityRater.roundId, roundId));
	const answering = new Set(answers.map((a) => a.raterId));
	const sizes = new Map<string, number>();
	for (const r of raters) if (answering.has(r.id)) sizes.set(r.role, (sizes.get(r.role) ?? 0) + 1);
	const numbers = new Map(raters.filter((r) => answering.has(r.id)).map((r, i) => [r.id, { n: `R${i + 1}`, role: (sizes.get(r.role) ?? 0) >= 3 ? r.role : '' }]));
	const rows: AnonymisedAnswer[] = [];
	for (const area of areasInScope(framework, found.round.areaKeys))
		for (const criterion of area.criteria)
			for (const indicator of criterion.indicators)
				for (const a of answers.filter((x) => x.indicatorKey === indicator.key).sort((x, y) => naturalOrder.compare(numbers.get(x.raterId)!.n, numbers.get(y.raterId)!.n))) {
					const who = numbers.get(a.raterId)!;
					rows.push({ rater: who.n, role: who.role, area: area.code ?? area.key, criterion: criterion.code ?? criterion.key, indicator: indicator.code ?? indicator.key, value: a.value, evidence: a.evidence, comment: a.comment });
				}
	return ok({ title: found.round.title, rows });
}
