import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { organisation } from '../db/schema/organisations.ts';
import { practiceBenchmark, practiceBenchmarkElement, practiceTarget, practiceTargetStatus } from '../db/schema/practices.ts';
import { frameworkVersionIdOf, getFramework, type FrameworkNodeView } from '../frameworks/queries.ts';
import { isUuid } from '../forms/index.ts';
import { getOrganisationForMember, listMembers, listMyOrganisations } from '../organisations/service.ts';
import { can, type Actor, type OrganisationRole } from '../policies/index.ts';
import { planActionsOf, type PlanAction } from '../quality/plan.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { TEMPLATE_FACETS, TEMPLATE_SLUG } from './template.ts';

// The self-benchmark: an organisation picks themes of the mapping template, ticks the good-policy
// elements of each theme it meets (with its evidence), sees its gaps and sets targets (due date,
// owner, status; every status change kept with its date). Private to its members until a leader
// publishes it; then anyone reads it, and nobody outside changes it. A target may point at an
// action of the organisation's development plan (Our quality).

export const TARGET_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const EVIDENCE_MAX = 2000;
export const TARGET_TITLE_MAX = 300;
export const STATUS_NOTE_MAX = 1000;

const notFound = () => problem('not_found');
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export type BenchmarkElement = { key: string; code: string | null; title: string; body: string; lang: string; placeholder: boolean };
export type BenchmarkTheme = { key: string; code: string | null; title: string; lang: string; elements: BenchmarkElement[] };

const elementOf = (n: FrameworkNodeView): BenchmarkElement => ({ key: n.key, code: n.code, title: n.title, body: n.body, lang: n.shownLocale, placeholder: n.placeholder });

/** The template's themes with their good-policy elements, in the reader's language. */
export async function benchmarkThemes(db: DbOrTx, locale: AppLocale): Promise<{ versionId: number; themes: BenchmarkTheme[] } | undefined> {
	const view = await getFramework(db, TEMPLATE_SLUG, locale);
	if (!view) return undefined;
	const versionId = await frameworkVersionIdOf(db, TEMPLATE_SLUG, view.version);
	if (versionId === undefined) return undefined;
	const field = view.tree.find((n) => n.key === TEMPLATE_FACETS.theme);
	const themes = (field?.children ?? [])
		.filter((n) => n.kind === 'theme')
		.map((n) => ({ key: n.key, code: n.code, title: n.title, lang: n.shownLocale, elements: n.children.filter((c) => c.kind === 'element').map(elementOf) }));
	return { versionId, themes };
}

export type TargetChange = { status: TargetStatus; note: string; changedAt: Date; by: string | null };
export type TargetView = {
	id: string;
	themeKey: string;
	elementKey: string | null;
	title: string;
	dueOn: string;
	overdue: boolean;
	status: TargetStatus;
	owner: { id: string; name: string } | null;
	action: PlanAction | null;
	history: TargetChange[];
	mayTrack: boolean;
};
export type ThemeStanding = BenchmarkTheme & { ticks: Record<string, { met: boolean; evidence: string }>; met: number; gaps: BenchmarkElement[] };

export type BenchmarkView = {
	organisation: { id: string; name: string };
	/** The actor's role (null: a visitor reading the published benchmark). */
	role: OrganisationRole | null;
	exists: boolean;
	published: boolean;
	publishedAt: Date | null;
	/** Every theme of the template (to choose from). */
	themes: BenchmarkTheme[];
	chosen: ThemeStanding[];
	targets: TargetView[];
	/** For the target form (leaders only; empty otherwise). */
	members: { id: string; name: string }[];
	actions: PlanAction[];
	may: { edit: boolean; publish: boolean };
};

const statusOf = (value: string): TargetStatus => ((TARGET_STATUSES as readonly string[]).includes(value) ? (value as TargetStatus) : 'planned');
const today = () => new Date().toISOString().slice(0, 10);

async function roleIn(db: DbOrTx, actor: Actor, organisationId: string): Promise<OrganisationRole | null> {
	if (!actor) return null;
	const found = await getOrganisationForMember(db, actor, organisationId);
	return found.ok ? found.value.role : null;
}

/** The organisation's benchmark as the actor may see it: its members always, anyone once published. */
export async function getBenchmark(db: DbOrTx, actor: Actor, organisationId: string, locale: AppLocale): Promise<Result<BenchmarkView>> {
	if (!isUuid(organisationId)) return notFound();
	const [org] = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
	if (!org) return notFound();
	const role = await roleIn(db, actor, organisationId);
	const [bench] = await db.select().from(practiceBenchmark).where(eq(practiceBenchmark.organisationId, organisationId));
	const member = can(actor, 'benchmark:view', { role });
	if (!member && !bench?.published) return notFound();
	const template = await benchmarkThemes(db, locale);
	if (!template) return problem('conflict', { key: 'practices_error_no_template' });
	const may = { edit: can(actor, 'benchmark:edit', { role }), publish: can(actor, 'benchmark:publish', { role }) };

	const ticks = bench ? await db.select().from(practiceBenchmarkElement).where(eq(practiceBenchmarkElement.benchmarkId, bench.id)) : [];
	const tickOf = new Map(ticks.map((t) => [t.elementKey, { met: t.met, evidence: t.evidence }]));
	const chosen = template.themes
		.filter((t) => bench?.themes.includes(t.key))
		.map((t) => {
			const mine = Object.fromEntries(t.elements.map((e) => [e.key, tickOf.get(e.key) ?? { met: false, evidence: '' }]));
			return { ...t, ticks: mine, met: t.elements.filter((e) => mine[e.key]!.met).length, gaps: t.elements.filter((e) => !mine[e.key]!.met) };
		});

	// Members' names: the organisation's own list for its members; a visitor sees the names of target owners only.
	const people = member ? await listMembers(db, actor, organisationId) : null;
	const names = new Map((people?.ok ? people.value : []).map((p) => [p.userId, p.displayName]));
	const plan = member ? await planActionsOf(db, actor, organisationId) : null;
	const actions = plan?.ok ? plan.value : [];
	const actionOf = new Map(actions.map((a) => [a.id, a]));

	const rows = bench ? await db.select().from(practiceTarget).where(eq(practiceTarget.benchmarkId, bench.id)).orderBy(asc(practiceTarget.dueOn), asc(practiceTarget.createdAt)) : [];
	const history = rows.length
		? await db
				.select()
				.from(practiceTargetStatus)
				.where(inArray(practiceTargetStatus.targetId, rows.map((r) => r.id)))
				.orderBy(desc(practiceTargetStatus.changedAt), desc(practiceTargetStatus.id))
		: [];
	if (!member) {
		// A published benchmark names who owns each target (as the organisation chose to publish it), nothing more.
		const owners = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => !!id))];
		if (owners.length) for (const p of await ownerNames(db, owners)) names.set(p.id, p.name);
	}
	const now = today();
	const targets = rows.map((r) => ({
		id: r.id,
		themeKey: r.themeKey,
		elementKey: r.elementKey,
		title: r.title,
		dueOn: r.dueOn,
		overdue: r.status !== 'done' && r.status !== 'dropped' && r.dueOn < now,
		status: statusOf(r.status),
		owner: r.ownerId ? { id: r.ownerId, name: names.get(r.ownerId) ?? '' } : null,
		// A visitor does not see the organisation's development plan.
		action: r.qualityActionId ? (actionOf.get(r.qualityActionId) ?? null) : null,
		history: history.filter((h) => h.targetId === r.id).map((h) => ({ status: statusOf(h.status), note: h.note, changedAt: h.changedAt, by: member && h.changedBy ? (names.get(h.changedBy) ?? null) : null })),
		mayTrack: can(actor, 'benchmark:track', { role, ownerId: r.ownerId })
	}));
	return ok({
		organisation: org,
		role,
		exists: !!bench,
		published: bench?.published ?? false,
		publishedAt: bench?.publishedAt ?? null,
		themes: template.themes,
		chosen,
		targets,
		members: may.edit ? [...names].map(([id, name]) => ({ id, name })) : [],
		actions: may.edit ? actions : [],
		may
	});
}

async function ownerNames(db: DbOrTx, ids: string[]): Promise<{ id: string; name: string }[]> {
	return db.select({ id: user.id, name: user.displayName }).from(user).where(inArray(user.id, ids));
}

/** After checking the actor may edit it: the organisation's benchmark, locked (undefined until themes are first chosen), and the template. */
async function benchmarkForEditing(tx: DbOrTx, actor: Actor, organisationId: string, locale: AppLocale) {
	if (!isUuid(organisationId)) return undefined;
	const role = await roleIn(tx, actor, organisationId);
	if (!can(actor, 'benchmark:edit', { role })) return undefined;
	const template = await benchmarkThemes(tx, locale);
	if (!template) return undefined;
	const [bench] = await tx.select().from(practiceBenchmark).where(eq(practiceBenchmark.organisationId, organisationId)).for('update');
	return { bench, template, role };
}

/** The leaders choose the themes the organisation benchmarks itself on. */
export async function chooseBenchmarkThemes(db: DbOrTx, actor: Actor, organisationId: string, themes: string[], locale: AppLocale): Promise<Result> {
	return db.transaction(async (tx) => {
		const found = await benchmarkForEditing(tx, actor, organisationId, locale);
		if (!found) return notFound();
		const known = found.template.themes.map((t) => t.key);
		if (!themes.length) return problem('invalid', { field: 'themes', key: 'practices_benchmark_error_themes' });
		if (!themes.every((t) => known.includes(t))) return problem('invalid', { field: 'themes', key: 'practices_error_option' });
		const chosen = known.filter((k) => themes.includes(k));
		// Made on the first choice of themes; two leaders choosing at once: the second one updates.
		await tx
			.insert(practiceBenchmark)
			.values({ organisationId, frameworkVersionId: found.template.versionId, themes: chosen })
			.onConflictDoUpdate({ target: practiceBenchmark.organisationId, set: { themes: chosen, updatedAt: sql`now()` } });
		return ok();
	});
}

export type ElementTick = { met: boolean; evidence: string };

/** The leaders tick the good-policy elements of one chosen theme the organisation meets, each with its evidence (all or nothing). */
export async function saveBenchmarkTheme(db: DbOrTx, actor: Actor, organisationId: string, themeKey: string, ticks: Record<string, ElementTick>, locale: AppLocale): Promise<Result> {
	return db.transaction(async (tx) => {
		const found = await benchmarkForEditing(tx, actor, organisationId, locale);
		if (!found) return notFound();
		const bench = found.bench;
		const theme = found.template.themes.find((t) => t.key === themeKey);
		if (!bench || !theme || !bench.themes.includes(themeKey)) return problem('invalid', { field: 'theme', key: 'practices_benchmark_error_theme' });
		const keys = new Set(theme.elements.map((e) => e.key));
		for (const [key, tick] of Object.entries(ticks)) {
			if (!keys.has(key)) return problem('invalid', { field: 'form', key: 'practices_error_field' });
			if (tick.evidence.length > EVIDENCE_MAX) return problem('invalid', { field: `evidence:${key}`, key: 'error_too_long' });
			if (CONTROL_IN_TEXT.test(tick.evidence)) return problem('invalid', { field: `evidence:${key}`, key: 'error_invalid' });
		}
		const rows = theme.elements.map((e) => ({
			benchmarkId: bench.id,
			elementKey: e.key,
			met: ticks[e.key]?.met ?? false,
			evidence: (ticks[e.key]?.evidence ?? '').trim(),
			updatedBy: actor!.id
		}));
		await tx
			.insert(practiceBenchmarkElement)
			.values(rows)
			.onConflictDoUpdate({
				target: [practiceBenchmarkElement.benchmarkId, practiceBenchmarkElement.elementKey],
				set: { met: sql`excluded.met`, evidence: sql`excluded.evidence`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`now()` }
			});
		await tx.update(practiceBenchmark).set({ updatedAt: sql`now()` }).where(eq(practiceBenchmark.id, bench.id));
		return ok();
	});
}

export type TargetInput = { theme: string; element: string | null; title: string; dueOn: string; owner: string | null; action: string | null };

/** The leaders set a target for a chosen theme (or one of its elements): due date, owner (a member), optionally a development-plan action. */
export async function addBenchmarkTarget(db: DbOrTx, actor: Actor, organisationId: string, input: TargetInput, locale: AppLocale): Promise<Result<{ id: string }>> {
	return db.transaction(async (tx) => {
		const found = await benchmarkForEditing(tx, actor, organisationId, locale);
		if (!found) return notFound();
		const bench = found.bench;
		const theme = found.template.themes.find((t) => t.key === input.theme);
		if (!bench || !theme || !bench.themes.includes(input.theme)) return problem('invalid', { field: 'theme', key: 'practices_benchmark_error_theme' });
		if (input.element !== null && !theme.elements.some((e) => e.key === input.element)) return problem('invalid', { field: 'element', key: 'error_choose' });
		if (input.owner !== null) {
			const people = await listMembers(tx, actor, organisationId);
			if (!people.ok || !people.value.some((p) => p.userId === input.owner)) return problem('invalid', { field: 'owner', key: 'practices_benchmark_error_owner' });
		}
		if (input.action !== null) {
			const plan = await planActionsOf(tx, actor, organisationId);
			if (!plan.ok || !plan.value.some((a) => a.id === input.action)) return problem('invalid', { field: 'action', key: 'error_choose' });
		}
		const [row] = await tx
			.insert(practiceTarget)
			.values({ benchmarkId: bench.id, themeKey: input.theme, elementKey: input.element, title: input.title, dueOn: input.dueOn, ownerId: input.owner, qualityActionId: input.action })
			.returning({ id: practiceTarget.id });
		await tx.insert(practiceTargetStatus).values({ targetId: row!.id, status: 'planned', changedBy: actor!.id });
		return ok({ id: row!.id });
	});
}

/** A leader, or the target's owner, records where a target stands now (kept, dated, with a note). */
export async function trackBenchmarkTarget(db: DbOrTx, actor: Actor, organisationId: string, targetId: string, change: { status: TargetStatus; note: string }): Promise<Result> {
	if (!isUuid(organisationId) || !isUuid(targetId)) return notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ id: practiceTarget.id, ownerId: practiceTarget.ownerId, status: practiceTarget.status })
			.from(practiceTarget)
			.innerJoin(practiceBenchmark, eq(practiceBenchmark.id, practiceTarget.benchmarkId))
			.where(and(eq(practiceTarget.id, targetId), eq(practiceBenchmark.organisationId, organisationId)))
			.for('update', { of: practiceTarget });
		if (!row) return notFound();
		const role = await roleIn(tx, actor, organisationId);
		if (!can(actor, 'benchmark:track', { role, ownerId: row.ownerId })) return can(actor, 'benchmark:view', { role }) ? problem('forbidden', { key: 'practices_benchmark_error_track' }) : notFound();
		await tx.update(practiceTarget).set({ status: change.status, updatedAt: sql`now()` }).where(eq(practiceTarget.id, targetId));
		await tx.insert(practiceTargetStatus).values({ targetId, status: change.status, note: change.note.trim(), changedBy: actor!.id });
		return ok();
	});
}

/** The leaders publish the benchmark (a public read-only page) or take it back. */
export async function publishBenchmark(db: DbOrTx, actor: Actor, organisationId: string, published: boolean, locale: AppLocale): Promise<Result> {
	return db.transaction(async (tx) => {
		const found = await benchmarkForEditing(tx, actor, organisationId, locale);
		if (!found || !can(actor, 'benchmark:publish', { role: found.role })) return notFound();
		if (!found.bench) return problem('invalid', { field: 'themes', key: 'practices_benchmark_error_themes' });
		await tx
			.update(practiceBenchmark)
			.set({ published, publishedAt: published ? sql`coalesce(${practiceBenchmark.publishedAt}, now())` : null, updatedAt: sql`now()` })
			.where(eq(practiceBenchmark.id, found.bench.id));
		return ok();
	});
}

export type BenchmarkListed = { id: string; name: string; role: OrganisationRole; themes: number; targets: number; published: boolean };

/** The actor's organisations and where each stands with its benchmark (one query after the memberships). */
export async function myBenchmarks(db: DbOrTx, actor: Actor): Promise<Result<BenchmarkListed[]>> {
	if (!actor) return notFound();
	const mine = await listMyOrganisations(db, actor);
	if (!mine.ok) return mine;
	const ids = mine.value.map((o) => o.id);
	const rows = ids.length
		? await db
				.select({ organisationId: practiceBenchmark.organisationId, themes: practiceBenchmark.themes, published: practiceBenchmark.published, targets: sql<number>`(select count(*)::int from practice_target t where t.benchmark_id = "practice_benchmark"."id")` })
				.from(practiceBenchmark)
				.where(inArray(practiceBenchmark.organisationId, ids))
		: [];
	const byOrg = new Map(rows.map((r) => [r.organisationId, r]));
	return ok(
		mine.value.map((o) => ({ id: o.id, name: o.name, role: o.role as OrganisationRole, themes: byOrg.get(o.id)?.themes.length ?? 0, targets: Number(byOrg.get(o.id)?.targets ?? 0), published: byOrg.get(o.id)?.published ?? false }))
	);
}

/** Whether the actor is a member of the organisation (for a form refused before reaching a service: a stranger learns nothing). */
export async function benchmarkMember(db: DbOrTx, actor: Actor, organisationId: string): Promise<Result<OrganisationRole>> {
	if (!isUuid(organisationId)) return notFound();
	const role = await roleIn(db, actor, organisationId);
	return role && can(actor, 'benchmark:view', { role }) ? ok(role) : notFound();
}
