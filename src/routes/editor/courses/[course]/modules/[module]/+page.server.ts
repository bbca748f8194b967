import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { competenceAreaOptions } from '#lib/server/learn/authoring/index.ts';
import { aboutForm, moduleSettingsForm, newLessonForm } from '#lib/server/learn/authoring/index.ts';
import { addLesson, moduleForEditing, saveModuleTranslation, updateModuleSettings } from '#lib/server/learn/authoring/index.ts';
import { editedLocale, perform } from '../../../respond.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const locale = editedLocale(url, 'en');
	const module = valueOf(await moduleForEditing(db(), actorOf(locals), params.course, params.module, locale));
	return { locale, module, areas: await competenceAreaOptions(db()) };
};

export const actions: Actions = {
	settings: async (event) => {
		const { course, module } = event.params;
		const r = await perform(event, 'settings', moduleSettingsForm, (data) => updateModuleSettings(db(), actorOf(event.locals), course, module, data));
		return r.ok ? { scope: 'settings', saved: true } : r.response;
	},
	translation: async (event) => {
		const { course, module } = event.params;
		const locale = editedLocale(event.url, 'en');
		const r = await perform(event, 'translation', aboutForm, (data) => saveModuleTranslation(db(), actorOf(event.locals), course, module, locale, data));
		return r.ok ? { scope: 'translation', saved: true } : r.response;
	},
	addLesson: async (event) => {
		const { course, module } = event.params;
		const r = await perform(event, 'addLesson', newLessonForm, (data) => addLesson(db(), actorOf(event.locals), course, module, data));
		if (!r.ok) return r.response;
		redirect(303, localizeHref(`/editor/courses/${course}/lessons/${r.value.key}?locale=en`));
	}
};
