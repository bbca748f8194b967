import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { course } from '../../db/schema/learn.ts';
import { can, type Actor } from '../../policies/index.ts';
import { requestSearchIndex } from '../../search/index.ts';
import { COURSE_SEARCH } from '../catalogue/search.ts';
import { contentChanged } from '../catalogue/index.ts';

/**
 * Why an authoring operation refused: an HTTP status for the route, the form field it concerns and
 * a message key (`author_…` or `error_…`) with its placeholders, shown translated next to the field.
 */
export type Problem = { status: 400 | 403 | 404 | 409 | 413; field: string; key: string; params?: Record<string, string> };
export type Outcome<T = null> = { ok: true; value: T } | { ok: false; problem: Problem };

export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = (status: Problem['status'], field: string, key: string, params?: Record<string, string>): { ok: false; problem: Problem } => ({
	ok: false,
	problem: { status, field, key, ...(params ? { params } : {}) }
});
export const forbidden = () => refuse(403, 'form', 'error_not_found_title');
export const notFound = () => refuse(404, 'form', 'author_error_not_found');

/** The policy question every authoring operation asks first. */
export const mayAuthor = (actor: Actor): boolean => can(actor, 'content:edit');

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
