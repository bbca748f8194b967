import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { outlineOr404 } from '../../pages.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { getCourseProgress } from '#lib/server/learn/progress/index.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const course = await outlineOr404(params.course);
	const mod = course.moduleList.find((x) => x.key === params.module);
	if (!mod) error(404, m.learn_course_not_found());
	const progress = await getCourseProgress(db(), actorOf(locals), course.id);
	return {
		course: { slug: course.slug, title: course.title },
		module: mod,
		position: course.moduleList.indexOf(mod) + 1,
		completed: progress ? mod.lessons.filter((l) => progress.completed.has(l.id)).map((l) => l.id) : [],
		moduleCompleted: progress?.modulesCompleted.has(mod.id) ?? false,
		enrolled: progress?.enrolled ?? false
	};
};
