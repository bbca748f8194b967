// Due dates per module in a cohort: the facilitator sets them, members see them on the course page,
// and a member who has not completed a module gets one reminder mail when it is three days or
// less from due (a scheduled job; the reminder row claims the mail, so two instances send one).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { BASE_LOCALE, isAppLocale } from '../../../i18n/locales.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { ScheduledJob } from '../../capability.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { cohort, cohortModuleDue, courseModule } from '../../db/schema/learn.ts';
import { sendMail } from '../../mail/index.ts';
import type { Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';
import { getFacilitatedCohort } from './cohorts.ts';
import { COHORT_MAILS } from './mail.ts';

/** How many days before a module is due its reminder goes. */
export const REMINDER_DAYS = 3;

/** The cohort's due dates by module id (the facilitator only; anyone else: not_found). */
export async function cohortDueDates(db: DbOrTx, actor: Actor, cohortId: string): Promise<Result<Map<number, string>>> {
	const found = await getFacilitatedCohort(db, actor, cohortId);
	if (!found.ok) return found;
	const rows = await db.select({ moduleId: cohortModuleDue.moduleId, dueOn: cohortModuleDue.dueOn }).from(cohortModuleDue).where(eq(cohortModuleDue.cohortId, found.value.id));
	return ok(new Map(rows.map((r) => [r.moduleId, r.dueOn])));
}

/** Sets (or clears, with null) the due dates of the cohort's modules: the facilitator only; a module of another course is refused. */
export async function setDueDates(db: DbOrTx, actor: Actor, cohortId: string, dates: Map<number, string | null>): Promise<Result> {
	const found = await getFacilitatedCohort(db, actor, cohortId);
	if (!found.ok) return found;
	const ids = [...dates.keys()];
	if (ids.length === 0) return ok();
	const modules = await db.select({ id: courseModule.id }).from(courseModule).where(and(eq(courseModule.courseId, found.value.courseId), inArray(courseModule.id, ids)));
	if (modules.length !== ids.length) return problem('invalid', { field: 'form', key: 'error_invalid' });
	await db.transaction(async (tx) => {
		for (const [moduleId, dueOn] of dates) {
			if (dueOn === null) await tx.delete(cohortModuleDue).where(and(eq(cohortModuleDue.cohortId, found.value.id), eq(cohortModuleDue.moduleId, moduleId)));
			else
				await tx
					.insert(cohortModuleDue)
					.values({ cohortId: found.value.id, moduleId, dueOn })
					.onConflictDoUpdate({ target: [cohortModuleDue.cohortId, cohortModuleDue.moduleId], set: { dueOn } });
		}
	});
	return ok();
}

/** Whether the cohort's lesson discussions are held in its own space (the facilitator only). */
export async function setCohortDiscussion(db: DbOrTx, actor: Actor, cohortId: string, within: boolean): Promise<Result> {
	const found = await getFacilitatedCohort(db, actor, cohortId);
	if (!found.ok) return found;
	await db.update(cohort).set({ discussInCohort: within }).where(eq(cohort.id, found.value.id));
	return ok();
}

export type ModuleDue = { moduleId: number; dueOn: string; cohort: string };

/** The due dates the actor's cohorts set for the modules of a course (the earliest per module). */
export async function myDueDates(db: DbOrTx, actor: Actor, courseId: number): Promise<ModuleDue[]> {
	if (!actor) return [];
	return queryRows<ModuleDue>(
		db,
		sql`select distinct on (d.module_id) d.module_id as "moduleId", d.due_on::text as "dueOn", c.name as cohort
			from cohort_member m join cohort c on c.id = m.cohort_id join cohort_module_due d on d.cohort_id = c.id
			where m.user_id = ${actor.id} and c.course_id = ${courseId}
			order by d.module_id, d.due_on`
	);
}

/**
 * Mails the reminders that are due: to each verified member of a cohort who has not completed a
 * module due within REMINDER_DAYS (today included), once. Returns how many were queued.
 */
export async function sendDueReminders(db: DbOrTx): Promise<number> {
	const due = await queryRows<{ cohort_id: string; module_id: number; due_on: string; user_id: string; email: string; locale: string; cohort: string; slug: string; module_key: string; module_title: string; course_title: string }>(
		db,
		sql`select d.cohort_id, d.module_id, d.due_on::text as due_on, u.id as user_id, u.email, u.locale, c.name as cohort, co.slug, md.key as module_key,
				coalesce((select t.title from course_module_translation t where t.module_id = md.id and t.locale = u.locale),
					(select t.title from course_module_translation t where t.module_id = md.id and t.locale = ${BASE_LOCALE}), md.key) as module_title,
				coalesce((select t.title from course_translation t where t.course_id = co.id and t.locale = u.locale),
					(select t.title from course_translation t where t.course_id = co.id and t.locale = ${BASE_LOCALE}), co.slug) as course_title
			from cohort_module_due d
			join cohort c on c.id = d.cohort_id
			join course co on co.id = c.course_id
			join course_module md on md.id = d.module_id
			join cohort_member m on m.cohort_id = d.cohort_id
			join app_user u on u.id = m.user_id
			where d.due_on between current_date and current_date + ${REMINDER_DAYS}::int
				and u.disabled_at is null and u.email_verified_at is not null
				and not exists (select 1 from module_completion mc where mc.user_id = u.id and mc.module_id = d.module_id)
				and not exists (select 1 from cohort_due_reminder r where r.cohort_id = d.cohort_id and r.module_id = d.module_id and r.user_id = u.id)
			limit 1000`
	);
	let sent = 0;
	for (const r of due) {
		const locale = isAppLocale(r.locale) ? r.locale : BASE_LOCALE;
		const queued = await db.transaction(async (tx) => {
			const [claimed] = await queryRows<{ user_id: string }>(
				tx,
				sql`insert into cohort_due_reminder (cohort_id, module_id, user_id) values (${r.cohort_id}, ${r.module_id}, ${r.user_id}) on conflict do nothing returning user_id`
			);
			if (!claimed) return false;
			await sendMail(tx, {
				to: r.email,
				locale,
				kind: 'cohort_due_reminder',
				userId: r.user_id,
				link: `/${locale}/learn/${r.slug}/${r.module_key}`,
				words: COHORT_MAILS.cohort_due_reminder({ module: r.module_title, course: r.course_title, cohort: r.cohort, date: formatDate(r.due_on, locale) }, locale)
			});
			return true;
		});
		if (queued) sent++;
	}
	return sent;
}

/** The hourly sweep (manifest `jobs`). */
export const DUE_REMINDER_JOB: ScheduledJob = { name: 'cohort-due-reminders', everySeconds: () => 3600, run: async (db) => void (await sendDueReminders(db)) };
