import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { createEntry } from '../cpd/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { resource, resourcePlan, resourcePlanStep } from '../db/schema/resources.ts';
import { isSlug, isUuid } from '../forms/index.ts';
import { membershipsOf } from '../organisations/service.ts';
import { can, isOrganisationRole, type Actor, type OrganisationRole } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { resourcesBySlug, type ResourceListed } from './queries.ts';

// Plan a session: a member picks activities (and starters, reflection items) for a group, orders
// them, adds notes per step, prints a run sheet, shares it with one of their organisations (whose
// members may view it) and logs it in their CPD log. A plan is its author's: anyone else who may
// not view it gets not_found, as for one that does not exist.

export const PLAN_TITLE_MAX = 200;
export const PLAN_NOTES_MAX = 4000;
export const STEP_NOTES_MAX = 2000;
export const PLAN_STEPS_MAX = 30;

type PlanRow = typeof resourcePlan.$inferSelect;

/** The actor's role in each organisation they belong to. */
async function rolesOf(db: DbOrTx, userId: string): Promise<Map<string, { role: OrganisationRole; name: string }>> {
	const rows = await membershipsOf(db, userId);
	return new Map(rows.filter((r) => isOrganisationRole(r.role)).map((r) => [r.id, { role: r.role as OrganisationRole, name: r.name }]));
}

/** The plan and how the actor stands to it, or undefined (no such plan, or not theirs to see). */
async function loadPlan(db: DbOrTx, actor: Actor, id: string, action: 'resource-plan:view' | 'resource-plan:edit'): Promise<{ plan: PlanRow; sharedName: string | null } | undefined> {
	if (!actor || !isUuid(id)) return undefined;
	const [plan] = await db.select().from(resourcePlan).where(eq(resourcePlan.id, id));
	if (!plan) return undefined;
	const roles = plan.organisationId ? await rolesOf(db, actor.id) : new Map();
	const shared = plan.organisationId ? roles.get(plan.organisationId) : undefined;
	if (!can(actor, action, { userId: plan.userId, sharedRole: shared?.role ?? null })) return undefined;
	let sharedName = shared?.name ?? null;
	if (plan.organisationId && !sharedName && plan.userId === actor.id) sharedName = (await rolesOf(db, plan.userId)).get(plan.organisationId)?.name ?? null;
	return { plan, sharedName };
}

export type PlanInput = { title: string; groupName: string; notes: string };

export async function createPlan(db: DbOrTx, actor: Actor, input: PlanInput): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'resource-plan:create')) return problem('forbidden');
	const [row] = await db.insert(resourcePlan).values({ userId: actor.id, ...input }).returning({ id: resourcePlan.id });
	return ok({ id: row!.id });
}

export async function updatePlan(db: DbOrTx, actor: Actor, id: string, input: PlanInput): Promise<Result> {
	const found = await loadPlan(db, actor, id, 'resource-plan:edit');
	if (!found) return problem('not_found');
	await db.update(resourcePlan).set({ ...input, updatedAt: sql`now()` }).where(eq(resourcePlan.id, id));
	return ok();
}

export async function deletePlan(db: DbOrTx, actor: Actor, id: string): Promise<Result> {
	const found = await loadPlan(db, actor, id, 'resource-plan:edit');
	if (!found) return problem('not_found');
	await db.delete(resourcePlan).where(eq(resourcePlan.id, id));
	return ok();
}

export type PlanStepView = { id: number; position: number; notes: string; resource: ResourceListed };
export type PlanView = {
	id: string;
	title: string;
	groupName: string;
	notes: string;
	updatedAt: Date;
	organisationId: string | null;
	sharedWith: string | null;
	steps: PlanStepView[];
	minutes: number;
	editable: boolean;
	/** The organisations the author may share with (only for the author). */
	organisations: { id: string; name: string }[];
};

/** A plan with its steps in order; the author and, when shared, the organisation's members. */
export async function getPlan(db: DbOrTx, actor: Actor, id: string, locale: AppLocale): Promise<Result<PlanView>> {
	const found = await loadPlan(db, actor, id, 'resource-plan:view');
	if (!found || !actor) return problem('not_found');
	const { plan, sharedName } = found;
	const steps = await db
		.select({ id: resourcePlanStep.id, position: resourcePlanStep.position, notes: resourcePlanStep.notes, slug: resource.slug })
		.from(resourcePlanStep)
		.innerJoin(resource, eq(resource.id, resourcePlanStep.resourceId))
		.where(eq(resourcePlanStep.planId, plan.id))
		.orderBy(asc(resourcePlanStep.position), asc(resourcePlanStep.id));
	const bySlug = new Map((await resourcesBySlug(db, locale, steps.map((s) => s.slug))).map((r) => [r.slug, r]));
	const editable = can(actor, 'resource-plan:edit', { userId: plan.userId, sharedRole: null });
	const views = steps.flatMap((s) => {
		const r = bySlug.get(s.slug);
		return r ? [{ id: s.id, position: s.position, notes: s.notes, resource: r }] : [];
	});
	return ok({
		id: plan.id,
		title: plan.title,
		groupName: plan.groupName,
		notes: plan.notes,
		updatedAt: plan.updatedAt,
		organisationId: plan.organisationId,
		sharedWith: sharedName,
		steps: views,
		minutes: views.reduce((sum, s) => sum + (s.resource.duration ?? 0), 0),
		editable,
		organisations: editable ? [...(await rolesOf(db, actor.id))].map(([orgId, o]) => ({ id: orgId, name: o.name })) : []
	});
}

export type PlanListed = { id: string; title: string; groupName: string; steps: number; updatedAt: Date; mine: boolean; sharedWith: string | null };

/** The actor's plans and those shared with their organisations, newest first. */
export async function listPlans(db: DbOrTx, actor: Actor): Promise<Result<PlanListed[]>> {
	if (!actor || !can(actor, 'resource-plan:create')) return problem('forbidden');
	const roles = await rolesOf(db, actor.id);
	const orgIds = [...roles.keys()];
	const rows = await db
		.select({
			id: resourcePlan.id,
			title: resourcePlan.title,
			groupName: resourcePlan.groupName,
			userId: resourcePlan.userId,
			organisationId: resourcePlan.organisationId,
			updatedAt: resourcePlan.updatedAt,
			steps: sql<number>`(select count(*)::int from resource_plan_step s where s.plan_id = resource_plan.id)`
		})
		.from(resourcePlan)
		.where(orgIds.length ? or(eq(resourcePlan.userId, actor.id), inArray(resourcePlan.organisationId, orgIds)) : eq(resourcePlan.userId, actor.id))
		.orderBy(desc(resourcePlan.updatedAt));
	return ok(
		rows.map((r) => ({
			id: r.id,
			title: r.title,
			groupName: r.groupName,
			steps: r.steps,
			updatedAt: r.updatedAt,
			mine: r.userId === actor.id,
			sharedWith: r.organisationId ? (roles.get(r.organisationId)?.name ?? null) : null
		}))
	);
}

/** Adds a published resource as the plan's last step. */
export async function addStep(db: DbOrTx, actor: Actor, id: string, slug: string): Promise<Result> {
	return db.transaction(async (tx) => {
		const found = await loadPlan(tx, actor, id, 'resource-plan:edit');
		if (!found) return problem('not_found');
		if (!isSlug(slug)) return problem('invalid', { field: 'slug', key: 'error_invalid' });
		const [row] = await tx.select({ id: resource.id }).from(resource).where(and(eq(resource.slug, slug), eq(resource.status, 'published')));
		if (!row) return problem('invalid', { field: 'slug', key: 'error_invalid' });
		const [last] = await tx.select({ n: sql<number>`count(*)::int`, max: sql<number>`coalesce(max(${resourcePlanStep.position}), 0)::int` }).from(resourcePlanStep).where(eq(resourcePlanStep.planId, id));
		if ((last?.n ?? 0) >= PLAN_STEPS_MAX) return problem('invalid', { field: 'slug', key: 'resources_error_plan_full' });
		await tx.insert(resourcePlanStep).values({ planId: id, resourceId: row.id, position: (last?.max ?? 0) + 1 });
		await tx.update(resourcePlan).set({ updatedAt: sql`now()` }).where(eq(resourcePlan.id, id));
		return ok();
	});
}

async function stepsOf(tx: DbOrTx, planId: string) {
	return tx.select({ id: resourcePlanStep.id, position: resourcePlanStep.position }).from(resourcePlanStep).where(eq(resourcePlanStep.planId, planId)).orderBy(asc(resourcePlanStep.position), asc(resourcePlanStep.id));
}

/** Moves a step one place up or down (swapping it with its neighbour); at either end nothing moves. */
export async function moveStep(db: DbOrTx, actor: Actor, id: string, stepId: number, direction: 'up' | 'down'): Promise<Result> {
	return db.transaction(async (tx) => {
		const found = await loadPlan(tx, actor, id, 'resource-plan:edit');
		if (!found) return problem('not_found');
		const steps = await stepsOf(tx, id);
		const index = steps.findIndex((s) => s.id === stepId);
		if (index < 0) return problem('not_found');
		const other = direction === 'up' ? index - 1 : index + 1;
		if (other < 0 || other >= steps.length) return ok();
		const order = steps.map((s) => s.id);
		[order[index], order[other]] = [order[other]!, order[index]!];
		for (const [i, sid] of order.entries()) await tx.update(resourcePlanStep).set({ position: i + 1 }).where(eq(resourcePlanStep.id, sid));
		await tx.update(resourcePlan).set({ updatedAt: sql`now()` }).where(eq(resourcePlan.id, id));
		return ok();
	});
}

export async function removeStep(db: DbOrTx, actor: Actor, id: string, stepId: number): Promise<Result> {
	const found = await loadPlan(db, actor, id, 'resource-plan:edit');
	if (!found) return problem('not_found');
	const deleted = await db.delete(resourcePlanStep).where(and(eq(resourcePlanStep.planId, id), eq(resourcePlanStep.id, stepId))).returning({ id: resourcePlanStep.id });
	return deleted.length ? ok() : problem('not_found');
}

export async function saveStepNotes(db: DbOrTx, actor: Actor, id: string, stepId: number, notes: string): Promise<Result> {
	const found = await loadPlan(db, actor, id, 'resource-plan:edit');
	if (!found) return problem('not_found');
	const updated = await db.update(resourcePlanStep).set({ notes }).where(and(eq(resourcePlanStep.planId, id), eq(resourcePlanStep.id, stepId))).returning({ id: resourcePlanStep.id });
	return updated.length ? ok() : problem('not_found');
}

/** Shares the plan with one of the author's organisations (view only), or stops sharing (null). */
export async function sharePlan(db: DbOrTx, actor: Actor, id: string, organisationId: string | null): Promise<Result> {
	const found = await loadPlan(db, actor, id, 'resource-plan:edit');
	if (!found || !actor) return problem('not_found');
	if (organisationId !== null) {
		const role = isUuid(organisationId) ? ((await rolesOf(db, actor.id)).get(organisationId)?.role ?? null) : null;
		if (!can(actor, 'resource-plan:share', { userId: found.plan.userId, role })) return problem('invalid', { field: 'organisation', key: 'resources_error_organisation' });
	}
	await db.update(resourcePlan).set({ organisationId, updatedAt: sql`now()` }).where(eq(resourcePlan.id, id));
	return ok();
}

/**
 * Logs the session in the author's CPD log (through the CPD capability): the plan's title, the
 * date it was run and its length (the steps' minutes, at least a quarter hour).
 */
export async function logPlanAsCpd(db: DbOrTx, actor: Actor, id: string, input: { date: string; locale: AppLocale; reflection: string }): Promise<Result<{ entryId: string }>> {
	const found = await getPlan(db, actor, id, input.locale);
	if (!found.ok || !found.value.editable) return problem('not_found');
	const plan = found.value;
	const hours = Math.max(0.25, Math.round((plan.minutes / 60) * 4) / 4);
	const created = await createEntry(db, actor, {
		title: plan.title.slice(0, 200),
		type: 'workshop',
		startsOn: input.date,
		endsOn: null,
		hours,
		provider: '',
		competenceAreas: [],
		reflection: input.reflection
	});
	return created.ok ? ok({ entryId: created.value.id }) : created;
}
