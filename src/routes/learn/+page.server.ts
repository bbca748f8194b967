import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { listCourses } from '#lib/server/learn/catalogue/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { listEnrolments } from '#lib/server/learn/progress/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const courses = await listCourses(db(), getLocale());
	const enrolments = await listEnrolments(db(), actorOf(locals));
	return {
		courses: courses.map((c) => {
			const e = enrolments.find((x) => x.courseId === c.id);
			return { ...c, progress: e ? { done: e.done, lessons: e.lessons, completed: !!e.completedAt } : null };
		})
	};
};
