import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { qualityAction } from '../db/schema/quality.ts';
import { getOrganisationForMember } from '../organisations/service.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

// The development plan's actions as other capabilities see them (the practice inventory's
// self-benchmark links a target to one): id, title and status, for the organisation's members.

export type PlanAction = { id: string; title: string; status: string };

/** The actions of the organisation's development plan, oldest first (members only). */
export async function planActionsOf(db: DbOrTx, actor: Actor, organisationId: string): Promise<Result<PlanAction[]>> {
	const found = await getOrganisationForMember(db, actor, organisationId);
	if (!found.ok || !can(actor, 'quality:view', { role: found.value.role })) return problem('not_found');
	const rows = await db
		.select({ id: qualityAction.id, title: qualityAction.title, status: qualityAction.status })
		.from(qualityAction)
		.where(eq(qualityAction.organisationId, organisationId))
		.orderBy(asc(qualityAction.createdAt));
	return ok(rows);
}
