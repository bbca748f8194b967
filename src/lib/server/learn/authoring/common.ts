import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { course } from '../../db/schema/learn.ts';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Failure, type Problem, type ProblemKind } from '../../result/index.ts';
import { requestSearchIndex } from '../../search/index.ts';
import { COURSE_SEARCH } from '../catalogue/search.ts';
import { contentChanged } from '../catalogue/index.ts';

// Authoring operations answer the one service result (result/): a refusal names the form field it
// concerns and a message key (`author_…` or `error_…`) with its placeholders, shown translated next
// to the field by http/respond.ts.
export type { Problem };

export const done = ok;
export const refuse = (kind: ProblemKind, field: string, key: string, params?: Record<string, string>): Failure =>
	problem(kind, { field, key, ...(params ? { params } : {}) });
/** Whoever may not edit learns nothing, not even that the course exists: the bare 404. */
export const forbidden = () => problem('forbidden');
export const notFound = () => problem('not_found', { key: 'author_error_not_found' });

/** The policy question every authoring operation asks first. */
export const mayAuthor = (actor: Actor): boolean => can(actor, 'course:edit');

/**
 * Marks a course as changed in the platform, so the content import keeps the editors' version,
 * and brings this course's rows of the search index up to date.
 */
export async function markEdited(tx: DbOrTx, courseId: number): Promise<void> {
	const [edited] = await tx.update(course).set({ editedInPlatform: true }).where(eq(course.id, courseId)).returning({ slug: course.slug });
	if (edited) await requestSearchIndex(tx, COURSE_SEARCH.type, edited.slug);
	await contentChanged(tx);
}

/** The id of a course by its slug, drafts included. */
export async function courseIdOf(db: DbOrTx, slug: string): Promise<number | undefined> {
	const [row] = await db.select({ id: course.id }).from(course).where(eq(course.slug, slug));
	return row?.id;
}

/** Strips the "file: field: " prefix a ContentError puts before its reason. */
export function reasonOf(error: { message: string; file: string; field: string }): string {
	const prefix = `${error.file}: ${error.field ? `${error.field}: ` : ''}`;
	return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** Megabytes or kilobytes, for limits shown in messages (the same in every language: "2 MB"). */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
	return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
