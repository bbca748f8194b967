import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { listCourses, nextLesson } from '#lib/server/learn/catalogue/index.ts';
import { listCertificates } from '#lib/server/learn/progress/index.ts';
import { publishedOutline } from '../pages.ts';
import { completedLessonsByCourse, listEnrolments } from '#lib/server/learn/progress/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	const actor = actorOf(locals);
	const [courses, enrolments, certificates, completed] = await Promise.all([
		listCourses(db(), getLocale(), true),
		listEnrolments(db(), actor),
		listCertificates(db(), actor),
		completedLessonsByCourse(db(), actor)
	]);
	const titleOf = (id: number) => courses.find((c) => c.id === id)?.title ?? '';
	return {
		enrolments: await Promise.all(
			enrolments.map(async (e) => {
				// What to do next: the same rule as the course page (outlines come from the shared cache).
				const outline = e.completedAt ? undefined : await publishedOutline(e.slug);
				const next = outline && nextLesson(outline, { lastLessonId: e.lastLessonId, completed: completed.get(e.courseId) ?? new Set() });
				return {
					slug: e.slug,
					title: titleOf(e.courseId),
					done: e.done,
					lessons: e.lessons,
					enrolledAt: e.enrolledAt,
					completedAt: e.completedAt,
					next: next && { href: `/learn/${e.slug}/${next.moduleKey}/${next.key}`, title: next.title, module: next.moduleTitle, resume: next.id === e.lastLessonId },
					certificate: certificates.find((c) => c.courseId === e.courseId)?.code ?? null
				};
			})
		)
	};
};
