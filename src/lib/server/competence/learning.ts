// From a gap to learning: the Learn modules linked to competence areas (their `competence_areas`),
// with the person's progress on each, in one query.
import { sql } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';

export type SuggestedModule = {
	areaKeys: string[];
	courseSlug: string;
	courseTitle: string;
	moduleKey: string;
	moduleTitle: string;
	hours: number;
	lessons: number;
	done: number;
	completed: boolean;
	/** The first lesson not yet completed (or the first lesson), where "open" leads. */
	nextLesson: { key: string; title: string } | null;
};

/** Published modules of published courses that build any of `areaKeys`, with `userId`'s progress. */
export async function learningForAreas(db: DbOrTx, userId: string, areaKeys: string[], locale: AppLocale): Promise<SuggestedModule[]> {
	if (!areaKeys.length) return [];
	const keys = sql.join(areaKeys.map((k) => sql`${k}`), sql`, `);
	const rows = await queryRows<{
		area_keys: string[];
		course_slug: string;
		course_title: string;
		module_key: string;
		module_title: string;
		hours: number;
		lessons: number;
		done: number;
		completed: boolean;
		next_key: string | null;
		next_title: string | null;
	}>(
		db,
		sql`select
			array(select jsonb_array_elements_text(m.competence_areas) intersect select unnest(array[${keys}]::text[])) as area_keys,
			c.slug as course_slug,
			coalesce(ct.title, ctb.title) as course_title,
			m.key as module_key,
			coalesce(mt.title, mtb.title) as module_title,
			m.hours,
			(select count(*)::int from lesson l where l.module_id = m.id and l.status = 'published') as lessons,
			(select count(*)::int from lesson l join lesson_progress p on p.lesson_id = l.id and p.user_id = ${userId} and p.completed_at is not null
				where l.module_id = m.id and l.status = 'published') as done,
			exists (select 1 from module_completion mc where mc.module_id = m.id and mc.user_id = ${userId}) as completed,
			nl.key as next_key,
			coalesce(nlt.title, nltb.title) as next_title
		from course_module m
		join course c on c.id = m.course_id and c.status = 'published'
		left join course_translation ct on ct.course_id = c.id and ct.locale = ${locale}
		left join course_translation ctb on ctb.course_id = c.id and ctb.locale = ${BASE_LOCALE}
		left join course_module_translation mt on mt.module_id = m.id and mt.locale = ${locale}
		left join course_module_translation mtb on mtb.module_id = m.id and mtb.locale = ${BASE_LOCALE}
		left join lateral (
			select l.id, l.key from lesson l
			left join lesson_progress p on p.lesson_id = l.id and p.user_id = ${userId}
			where l.module_id = m.id and l.status = 'published'
			order by (p.completed_at is not null), l.position limit 1
		) nl on true
		left join lesson_translation nlt on nlt.lesson_id = nl.id and nlt.locale = ${locale}
		left join lesson_translation nltb on nltb.lesson_id = nl.id and nltb.locale = ${BASE_LOCALE}
		where m.status = 'published' and m.competence_areas ?| array[${keys}]::text[]
		order by c.slug, m.position`
	);
	return rows.map((r) => ({
		areaKeys: r.area_keys,
		courseSlug: r.course_slug,
		courseTitle: r.course_title,
		moduleKey: r.module_key,
		moduleTitle: r.module_title,
		hours: Number(r.hours),
		lessons: r.lessons,
		done: r.done,
		completed: r.completed,
		nextLesson: r.next_key ? { key: r.next_key, title: r.next_title ?? r.next_key } : null
	}));
}
