import type { AppLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import type { DbOrTx } from '../../db/client.ts';
import { csvCell, csvText } from '../../http/csv.ts';
import type { Actor } from '../../policies/index.ts';
import { ok, type Result } from '../../result/index.ts';
import { getCourseOutlineById, lessonsInOrder } from '../catalogue/index.ts';
import { cohortProgress, getFacilitatedCohort } from './cohorts.ts';

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

/**
 * A cohort's progress as CSV for its facilitator (a 404 for anyone else): one row per member with
 * what the progress table shows — counts as numbers, dates as ISO dates — in the reader's
 * language. Shared reflections stay on the page.
 */
export async function cohortProgressCsv(db: DbOrTx, actor: Actor, cohortId: string, locale: AppLocale): Promise<Result<{ name: string; csv: string }>> {
	const found = await getFacilitatedCohort(db, actor, cohortId);
	if (!found.ok) return found;
	const [progress, outline] = await Promise.all([cohortProgress(db, actor, found.value), getCourseOutlineById(db, found.value.courseId, locale)]);
	if (!progress.ok) return progress;
	const lessons = outline ? lessonsInOrder(outline) : [];
	const lessonTitle = (id: number) => lessons.find((l) => l.id === id)?.title ?? '';
	const csv = csvText(
		[m.cohort_col_member(), m.cohort_col_joined(), m.cohort_col_lessons(), m.cohort_col_modules(), m.cohort_csv_quizzes_passed(), m.cohort_col_quizzes(), m.cohort_col_completed()],
		progress.value.map((member) => [
			csvCell(member.name),
			isoDate(member.joinedAt),
			String(member.lessonsDone),
			String(member.modulesDone),
			String(member.quizzes.filter((q) => q.passed).length),
			csvCell(
				member.quizzes
					.map((q) => `${m.cohort_quiz_result({ lesson: lessonTitle(q.lessonId), best: q.bestScore ?? 0, attempts: q.attempts })} ${q.passed ? m.cohort_quiz_passed() : m.cohort_quiz_not_passed()}`)
					.join('; ')
			),
			isoDate(member.completedAt)
		])
	);
	return ok({ name: found.value.name, csv });
}
