import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { competenceAreaOptions, courseForEditing, saveCourseTranslation, updateCourseSettings } from '#lib/server/learn/authoring/index.ts';
import { aboutForm, courseSettingsForm, moveForm, newModuleForm, statusForm } from '#lib/server/learn/authoring/index.ts';
import { addModule, moveLesson, moveModule, setLessonStatus, setModuleStatus } from '#lib/server/learn/authoring/index.ts';
import { editedLocale, perform } from '../respond.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const locale = editedLocale(url, 'en');
	const course = valueOf(await courseForEditing(db(), actorOf(locals), params.course, locale));
	return { locale, course, areas: await competenceAreaOptions(db()) };
};

export const actions: Actions = {
	settings: async (event) => {
		const r = await perform(event, 'settings', courseSettingsForm, (data) => updateCourseSettings(db(), actorOf(event.locals), event.params.course, data));
		return r.ok ? { scope: 'settings', saved: true } : r.response;
	},
	translation: async (event) => {
		const locale = editedLocale(event.url, 'en');
		const r = await perform(event, 'translation', aboutForm, (data) => saveCourseTranslation(db(), actorOf(event.locals), event.params.course, locale, data));
		return r.ok ? { scope: 'translation', saved: true } : r.response;
	},
	addModule: async (event) => {
		const r = await perform(event, 'addModule', newModuleForm, (data) => addModule(db(), actorOf(event.locals), event.params.course, data));
		if (!r.ok) return r.response;
		redirect(303, localizeHref(`/editor/courses/${event.params.course}/modules/${r.value.key}?locale=en`));
	},
	moveModule: async (event) => {
		const r = await perform(event, 'modules', moveForm, (data) => moveModule(db(), actorOf(event.locals), event.params.course, data.id, data.direction));
		return r.ok ? { scope: 'modules', saved: true } : r.response;
	},
	moduleStatus: async (event) => {
		const r = await perform(event, 'modules', statusForm, (data) => setModuleStatus(db(), actorOf(event.locals), event.params.course, data.id, data.status));
		return r.ok ? { scope: 'modules', saved: true } : r.response;
	},
	moveLesson: async (event) => {
		const r = await perform(event, 'modules', moveForm, (data) => moveLesson(db(), actorOf(event.locals), event.params.course, data.id, data.direction));
		return r.ok ? { scope: 'modules', saved: true } : r.response;
	},
	lessonStatus: async (event) => {
		const r = await perform(event, 'modules', statusForm, (data) => setLessonStatus(db(), actorOf(event.locals), event.params.course, data.id, data.status));
		return r.ok ? { scope: 'modules', saved: true } : r.response;
	}
};
