import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { listEnrolments } from '#lib/server/learn/progress/index.ts';
import { publishedCourses } from './pages.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const [courses, enrolments] = await Promise.all([publishedCourses(), listEnrolments(db(), actorOf(locals))]);
	return {
		courses: courses.map((c) => {
			const e = enrolments.find((x) => x.courseId === c.id);
			return { ...c, progress: e ? { done: e.done, lessons: e.lessons, completed: !!e.completedAt } : null };
		})
	};
};
