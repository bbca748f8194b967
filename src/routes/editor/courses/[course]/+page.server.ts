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
import { COVER_BODY_LIMIT, COVER_TYPES_TEXT, coverForm, formatBytes, removeCourseCover, removeCoverForm, saveCourseCover } from '#lib/server/learn/authoring/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { editedLocale, formDataOf, invalid, perform, refused, textValues } from '../respond.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const locale = editedLocale(url, 'en');
	const course = valueOf(await courseForEditing(db(), actorOf(locals), params.course, locale));
	return { locale, course, areas: await competenceAreaOptions(db()), coverTypes: COVER_TYPES_TEXT };
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
	cover: async (event) => {
		requireCan(event.locals, 'content:edit');
		const form = await formDataOf(event.request);
		if (!form) return refused('cover', { kind: 'too_large', field: 'file', key: 'author_error_request_too_large', params: { size: formatBytes(COVER_BODY_LIMIT) } });
		const parsed = parseForm(coverForm, form);
		if (!parsed.ok) return invalid('cover', parsed.errors, parsed.values);
		const file = form.get('file');
		const upload = file instanceof File && file.size > 0 ? { name: file.name, data: new Uint8Array(await file.arrayBuffer()) } : null;
		const outcome = await saveCourseCover(db(), actorOf(event.locals), event.params.course, { file: upload, alts: parsed.data });
		if (!outcome.ok) return refused('cover', outcome.problem, textValues(form));
		return { scope: 'cover', saved: true };
	},
	removeCover: async (event) => {
		const r = await perform(event, 'cover', removeCoverForm, () => removeCourseCover(db(), actorOf(event.locals), event.params.course));
		return r.ok ? { scope: 'cover', removed: true } : r.response;
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
