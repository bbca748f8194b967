import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { listCourses } from '#lib/server/learn/catalogue.ts';
import { listCertificates } from '#lib/server/learn/certificates.ts';
import { listEnrolments } from '#lib/server/learn/progress.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const session = requireSession(locals);
	const [courses, enrolments, certificates] = await Promise.all([
		listCourses(db(), getLocale(), true),
		listEnrolments(db(), session.user.id),
		listCertificates(db(), session.user.id)
	]);
	const titleOf = (id: number) => courses.find((c) => c.id === id)?.title ?? '';
	return {
		enrolments: enrolments.map((e) => ({
			slug: e.slug,
			title: titleOf(e.courseId),
			done: e.done,
			lessons: e.lessons,
			enrolledAt: e.enrolledAt,
			completedAt: e.completedAt,
			resume: e.lastLessonKey && e.lastModuleKey ? `/learn/${e.slug}/${e.lastModuleKey}/${e.lastLessonKey}` : null,
			certificate: certificates.find((c) => c.courseId === e.courseId)?.code ?? null
		}))
	};
};
