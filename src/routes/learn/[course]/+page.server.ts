import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { lessonsInOrder, nextLesson } from '#lib/server/learn/catalogue/index.ts';
import { outlineOr404 } from '../pages.ts';
import { enrol, getCourseProgress } from '#lib/server/learn/progress/index.ts';
import { myDueDates } from '#lib/server/learn/cohorts/index.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const outline = await outlineOr404(params.course);
	const progress = await getCourseProgress(db(), actorOf(locals), outline.id);
	// The due dates the learner's cohorts set (none for a visitor: the page stays cacheable).
	const due = await myDueDates(db(), actorOf(locals), outline.id);
	const next = progress?.enrolled ? nextLesson(outline, progress) : undefined;
	return {
		course: outline,
		progress: progress && {
			enrolled: progress.enrolled,
			completedAt: progress.completedAt,
			completed: [...progress.completed],
			modulesCompleted: [...progress.modulesCompleted],
		},
		total: lessonsInOrder(outline).length,
		next: next && { key: next.key, moduleKey: next.moduleKey, title: next.title, resume: next.id === progress?.lastLessonId },
		started: (progress?.viewed.size ?? 0) > 0,
		due
	};
};

export const actions: Actions = {
	enrol: async ({ locals, params, url }) => {
		requireSession(locals);
		const outline = await outlineOr404(params.course);
		const result = await enrol(db(), actorOf(locals), { origin: url.origin }, outline);
		const first = lessonsInOrder(outline)[0];
		return respond(result, {}, () => redirect(303, localizeHref(first ? `/learn/${outline.slug}/${first.moduleKey}/${first.key}` : `/learn/${outline.slug}`)));
	}
};
