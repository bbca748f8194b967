// Learn → My CPD: when a learner completes a module, a draft entry with the module's hours and
// competence areas waits in their log for them to confirm and reflect on. Idempotent: one entry per
// person and module (a unique index), so a redelivered event or a re-completion never counts twice.
import { and, eq, sql } from 'drizzle-orm';
import { BASE_LOCALE } from '../../i18n/locales.ts';
import type { DomainEvent } from '../capability.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { cpdEntry } from '../db/schema/cpd.ts';
import { isUuid } from '../forms/index.ts';

/** The platform's name as the provider of its own courses. */
export const PLATFORM_PROVIDER = 'Praxis';

export async function draftFromModule(db: DbOrTx, event: DomainEvent): Promise<void> {
	const userId = event.payload.userId;
	const moduleId = Number(event.payload.moduleId);
	if (!isUuid(userId) || !Number.isSafeInteger(moduleId)) return;
	const [m] = await queryRows<{ title: string; course_title: string; hours: number; areas: string[]; completed_at: string | Date }>(
		db,
		sql`select coalesce(mt.title, mtb.title, m.key) as title, coalesce(ct.title, ctb.title, c.slug) as course_title, m.hours, m.competence_areas as areas, mc.created_at as completed_at
		from module_completion mc
		join app_user u on u.id = mc.user_id
		join course_module m on m.id = mc.module_id
		join course c on c.id = m.course_id
		left join course_module_translation mt on mt.module_id = m.id and mt.locale = u.locale
		left join course_module_translation mtb on mtb.module_id = m.id and mtb.locale = ${BASE_LOCALE}
		left join course_translation ct on ct.course_id = c.id and ct.locale = u.locale
		left join course_translation ctb on ctb.course_id = c.id and ctb.locale = ${BASE_LOCALE}
		where mc.user_id = ${userId} and mc.module_id = ${moduleId}`
	);
	// The completion (or the person) is gone: nothing to record.
	if (!m) return;
	const quarters = Math.max(1, Math.round(Number(m.hours) * 4));
	const day = new Date(m.completed_at).toISOString().slice(0, 10);
	await db
		.insert(cpdEntry)
		.values({
			userId,
			title: `${m.course_title}: ${m.title}`,
			type: 'course',
			startsOn: day,
			quarters,
			provider: PLATFORM_PROVIDER,
			competenceAreas: m.areas,
			status: 'draft',
			sourceModuleId: moduleId
		})
		.onConflictDoNothing();
}

/** Whether the person already has an entry (of any status) for a module. */
export async function hasModuleEntry(db: DbOrTx, userId: string, moduleId: number): Promise<boolean> {
	const [row] = await db.select({ id: cpdEntry.id }).from(cpdEntry).where(and(eq(cpdEntry.userId, userId), eq(cpdEntry.sourceModuleId, moduleId)));
	return !!row;
}
