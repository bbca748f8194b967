import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { course, courseModule, journalEntry, lesson, lessonTranslation } from '../../db/schema/learn.ts';
import { alias } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

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

/** A learner's journal, newest first (saved entries only; drafts are kept on the lesson). */
export async function listJournal(db: DbOrTx, userId: string, locale: AppLocale): Promise<JournalEntryView[]> {
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
	return rows.map((r) => ({
		id: r.id,
		prompt: r.prompt,
		body: r.body,
		draft: r.draft,
		shared: !!r.sharedAt,
		updatedAt: r.updatedAt,
		lessonTitle: r.lessonTitle,
		lessonHref: r.courseSlug && r.moduleKey && r.lessonKey ? `/learn/${r.courseSlug}/${r.moduleKey}/${r.lessonKey}` : null
	}));
}

/** Changes the text of one of the learner's own entries; false when there is no such entry of theirs. */
export async function updateJournalEntry(db: DbOrTx, userId: string, id: string, body: string): Promise<boolean> {
	const rows = await db
		.update(journalEntry)
		.set({ body, draft: null, updatedAt: new Date() })
		.where(and(eq(journalEntry.id, id), eq(journalEntry.userId, userId), isNotNull(journalEntry.submittedAt)))
		.returning({ id: journalEntry.id });
	return rows.length > 0;
}

/** Shares an entry with the facilitators of the learner's cohorts, or makes it private again. */
export async function shareJournalEntry(db: DbOrTx, userId: string, id: string, shared: boolean): Promise<boolean> {
	const rows = await db
		.update(journalEntry)
		.set({ sharedAt: shared ? new Date() : null })
		.where(and(eq(journalEntry.id, id), eq(journalEntry.userId, userId), isNotNull(journalEntry.submittedAt)))
		.returning({ id: journalEntry.id });
	return rows.length > 0;
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
