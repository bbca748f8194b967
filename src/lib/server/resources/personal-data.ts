import { asc, desc, eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { resource, resourceFavourite, resourcePlan, resourcePlanStep, resourceTranslation } from '../db/schema/resources.ts';

/**
 * A person's shelf, proposals and session plans. The shelf and plans go with the account (deleted
 * here and by ON DELETE CASCADE); proposals that were published stay in the library without their
 * proposer (author_id set null), drafts and rejected ones are deleted.
 */
export const RESOURCE_DATA: readonly PersonalData[] = [
	{
		key: 'resourceShelf',
		export: (db, userId) =>
			db
				.select({ resource: resource.slug, addedAt: resourceFavourite.createdAt })
				.from(resourceFavourite)
				.innerJoin(resource, eq(resource.id, resourceFavourite.resourceId))
				.where(eq(resourceFavourite.userId, userId))
				.orderBy(desc(resourceFavourite.createdAt)),
		erase: async (tx, person) => {
			await tx.delete(resourceFavourite).where(eq(resourceFavourite.userId, person.id));
		}
	},
	{
		key: 'resourceProposals',
		export: (db, userId) =>
			db
				.select({ resource: resource.slug, kind: resource.kind, status: resource.status, url: resource.url, licence: resource.licence, publisher: resource.publisher, locale: resourceTranslation.locale, title: resourceTranslation.title, summary: resourceTranslation.summary, body: resourceTranslation.body, createdAt: resource.createdAt })
				.from(resource)
				.innerJoin(resourceTranslation, eq(resourceTranslation.resourceId, resource.id))
				.where(eq(resource.authorId, userId))
				.orderBy(desc(resource.createdAt)),
		erase: async (tx, person) => {
			const rows = await tx.select({ id: resource.id, status: resource.status }).from(resource).where(eq(resource.authorId, person.id));
			for (const row of rows) {
				if (row.status === 'published') await tx.update(resource).set({ authorId: null }).where(eq(resource.id, row.id));
				else await tx.delete(resource).where(eq(resource.id, row.id));
			}
		}
	},
	{
		key: 'resourcePlans',
		export: async (db, userId) => {
			const plans = await db.select().from(resourcePlan).where(eq(resourcePlan.userId, userId)).orderBy(desc(resourcePlan.updatedAt));
			return Promise.all(
				plans.map(async (p) => ({
					title: p.title,
					group: p.groupName,
					notes: p.notes,
					sharedWithOrganisation: p.organisationId,
					createdAt: p.createdAt,
					updatedAt: p.updatedAt,
					steps: await db
						.select({ resource: resource.slug, position: resourcePlanStep.position, notes: resourcePlanStep.notes })
						.from(resourcePlanStep)
						.innerJoin(resource, eq(resource.id, resourcePlanStep.resourceId))
						.where(eq(resourcePlanStep.planId, p.id))
						.orderBy(asc(resourcePlanStep.position))
				}))
			);
		},
		erase: async (tx, person) => {
			await tx.delete(resourcePlan).where(eq(resourcePlan.userId, person.id));
		}
	}
];
