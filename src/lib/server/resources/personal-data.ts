import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { storedFile } from '../db/schema/files.ts';
import { resource, resourceFavourite, resourceFile, resourcePlan, resourceRevision, resourcePlanStep, resourceTranslation } from '../db/schema/resources.ts';
import { deleteFilesOfResources, resourceFilePath } from './files.ts';

/**
 * A person's shelf, proposals (with the files they attached) and session plans. The shelf and plans
 * go with the account (deleted here and by ON DELETE CASCADE); proposals that were published stay in
 * the library without their proposer (author_id set null) and the files they attached to them pass
 * to the library; drafts and rejected ones are deleted with every file on them.
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
			const kept = rows.filter((r) => r.status === 'published').map((r) => r.id);
			const gone = rows.filter((r) => r.status !== 'published').map((r) => r.id);
			if (kept.length) {
				await tx.update(resource).set({ authorId: null }).where(inArray(resource.id, kept));
				const files = tx.select({ id: resourceFile.fileId }).from(resourceFile).where(inArray(resourceFile.resourceId, kept));
				await tx.update(storedFile).set({ ownerId: null }).where(and(eq(storedFile.ownerId, person.id), inArray(storedFile.id, files)));
			}
			if (gone.length) {
				await deleteFilesOfResources(tx, gone);
				await tx.delete(resource).where(inArray(resource.id, gone));
			}
		}
	},
	{
		// The files a person attached to their proposals (their bytes are downloaded at `download`).
		key: 'resourceFiles',
		export: async (db, userId) => {
			const rows = await db
				.select({ resource: resource.slug, role: resourceFile.role, language: resourceFile.language, id: storedFile.id, name: storedFile.name, mime: storedFile.mime, size: storedFile.size, sha256: storedFile.sha256, createdAt: storedFile.createdAt })
				.from(resourceFile)
				.innerJoin(storedFile, eq(storedFile.id, resourceFile.fileId))
				.innerJoin(resource, eq(resource.id, resourceFile.resourceId))
				.where(eq(storedFile.ownerId, userId))
				.orderBy(asc(storedFile.createdAt));
			return rows.map((f) => ({ ...f, download: resourceFilePath(f.resource, f.id) }));
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
	},
	{
		// An editor's changes to resources' texts: the revisions stay (the library's history), without their name.
		key: 'resourceRevisions',
		export: (db, userId) =>
			db
				.select({ resource: resource.slug, locale: resourceRevision.locale, title: resourceRevision.title, createdAt: resourceRevision.createdAt })
				.from(resourceRevision)
				.innerJoin(resource, eq(resource.id, resourceRevision.resourceId))
				.where(eq(resourceRevision.editorId, userId))
				.orderBy(desc(resourceRevision.createdAt)),
		erase: async (tx, person) => {
			await tx.update(resourceRevision).set({ editorId: null }).where(eq(resourceRevision.editorId, person.id));
		}
	}
];
