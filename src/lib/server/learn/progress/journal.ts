import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { course, courseModule, journalEntry, lesson, lessonTranslation } from '../../db/schema/learn.ts';
import { alias } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';

const wanted = alias(lessonTranslation, 'wanted');
const base = alias(lessonTranslation, 'base');

export type JournalEntryView = {
	id: string;
	prompt: string;
	body: string;
	draft: string | null;
	shared: boolean;
	updatedAt: Date;
	lessonTitle: string | null;
	lessonHref: string | null;
};

/** The actor's own journal, newest first (saved entries only; drafts are kept on the lesson). */
export async function listJournal(db: DbOrTx, actor: Actor, locale: AppLocale): Promise<Result<JournalEntryView[]>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const userId = actor.id;
	const rows = await db
		.select({
			id: journalEntry.id,
			prompt: journalEntry.prompt,
			body: journalEntry.body,
			draft: journalEntry.draft,
			sharedAt: journalEntry.sharedAt,
			updatedAt: journalEntry.updatedAt,
			lessonTitle: sql<string | null>`coalesce(${wanted.title}, ${base.title})`,
			courseSlug: course.slug,
			moduleKey: courseModule.key,
			lessonKey: lesson.key
		})
		.from(journalEntry)
		.leftJoin(lesson, eq(lesson.id, journalEntry.lessonId))
		.leftJoin(courseModule, eq(courseModule.id, lesson.moduleId))
		.leftJoin(course, eq(course.id, lesson.courseId))
		.leftJoin(wanted, and(eq(wanted.lessonId, lesson.id), eq(wanted.locale, locale)))
		.leftJoin(base, and(eq(base.lessonId, lesson.id), eq(base.locale, BASE_LOCALE)))
		.where(and(eq(journalEntry.userId, userId), isNotNull(journalEntry.submittedAt)))
		.orderBy(desc(journalEntry.updatedAt));
	return ok(rows.map((r) => ({
		id: r.id,
		prompt: r.prompt,
		body: r.body,
		draft: r.draft,
		shared: !!r.sharedAt,
		updatedAt: r.updatedAt,
		lessonTitle: r.lessonTitle,
		lessonHref: r.courseSlug && r.moduleKey && r.lessonKey ? `/learn/${r.courseSlug}/${r.moduleKey}/${r.lessonKey}` : null
	})));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A saved journal entry's writer, for the policy; undefined when there is no such entry. */
async function entryOwner(db: DbOrTx, id: string): Promise<{ userId: string } | undefined> {
	if (!UUID.test(id)) return undefined;
	const [row] = await db.select({ userId: journalEntry.userId }).from(journalEntry).where(and(eq(journalEntry.id, id), isNotNull(journalEntry.submittedAt)));
	return row;
}

/** Changes the text of one of the actor's own entries. Someone else's entry is 'not_found', like one that does not exist. */
export async function updateJournalEntry(db: DbOrTx, actor: Actor, id: string, body: string): Promise<Result> {
	const entry = await entryOwner(db, id);
	if (!entry || !can(actor, 'journal:edit', entry)) return problem('not_found');
	await db.update(journalEntry).set({ body, draft: null, updatedAt: new Date() }).where(eq(journalEntry.id, id));
	return ok();
}

/** Shares one of the actor's entries with the facilitators of their cohorts, or makes it private again. */
export async function shareJournalEntry(db: DbOrTx, actor: Actor, id: string, shared: boolean): Promise<Result> {
	const entry = await entryOwner(db, id);
	if (!entry || !can(actor, 'journal:share', entry)) return problem('not_found');
	await db.update(journalEntry).set({ sharedAt: shared ? new Date() : null }).where(eq(journalEntry.id, id));
	return ok();
}

/** The journal as a Markdown document the learner can keep. */
export function journalAsMarkdown(entries: JournalEntryView[], labels: { title: string; date: (d: Date) => string }): string {
	const parts = [`# ${labels.title}`, ''];
	for (const e of [...entries].reverse()) {
		parts.push(`## ${e.lessonTitle ?? ''} — ${labels.date(e.updatedAt)}`.trim(), '');
		if (e.prompt) parts.push(`> ${e.prompt.replace(/\n/g, '\n> ')}`, '');
		parts.push(e.body, '');
	}
	return parts.join('\n');
}
