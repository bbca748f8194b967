import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { revisionView } from '#lib/server/content/revisions.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { formatBytes } from '#lib/server/learn/authoring/index.ts';
import { ALLOWED_TYPES, deleteLessonFile, uploadLessonFile } from '#lib/server/learn/authoring/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { fileNameForm, lessonSettingsForm, lessonTextForm } from '#lib/server/learn/authoring/index.ts';
import { discardLessonDraft, lessonForEditing, previewLessonText, saveLessonText, updateLessonSettings } from '#lib/server/learn/authoring/index.ts';
import { AUTHORING_BODY_LIMIT } from '#lib/server/learn/authoring/index.ts';
import { mediaUrl } from '#lib/server/learn/catalogue/index.ts';
import { editedLocale, formDataOf, invalid, perform, refused, textValues } from '../../../respond.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const locale = editedLocale(url, 'en');
	const lesson = valueOf(await lessonForEditing(db(), actorOf(locals), params.course, params.lesson, locale));
	const { revisions, files, ...rest } = lesson;
	return {
		locale,
		lesson: rest,
		files: files.map((f) => ({ ...f, url: mediaUrl(f) })),
		allowedTypes: ALLOWED_TYPES,
		revisions: revisions.map(revisionView)
	};
};

export const actions: Actions = {
	// Shows the text as learners will see it (the learner page's renderer), without saving anything.
	preview: async (event) => {
		requireCan(event.locals, 'content:edit');
		const form = await event.request.formData();
		const parsed = parseForm(lessonTextForm, form);
		if (!parsed.ok) return invalid('text', parsed.errors, parsed.values);
		const { course, lesson } = event.params;
		const outcome = await previewLessonText(db(), actorOf(event.locals), course, lesson, editedLocale(event.url, 'en'), parsed.data);
		if (!outcome.ok) return refused('text', outcome.problem, textValues(form));
		return { scope: 'text', preview: outcome.value, values: textValues(form) };
	},
	save: async (event) => {
		const { course, lesson } = event.params;
		const locale = editedLocale(event.url, 'en');
		const r = await perform(event, 'text', lessonTextForm, (data) => saveLessonText(db(), actorOf(event.locals), course, lesson, locale, data));
		return r.ok ? { scope: 'text', saved: true } : r.response;
	},
	discardDraft: async (event) => {
		requireCan(event.locals, 'content:edit');
		const { course, lesson } = event.params;
		const outcome = await discardLessonDraft(db(), actorOf(event.locals), course, lesson, editedLocale(event.url, 'en'));
		return outcome.ok ? { scope: 'text', discarded: true } : refused('text', outcome.problem);
	},
	settings: async (event) => {
		const { course, lesson } = event.params;
		const r = await perform(event, 'settings', lessonSettingsForm, (data) => updateLessonSettings(db(), actorOf(event.locals), course, lesson, data));
		return r.ok ? { scope: 'settings', saved: true } : r.response;
	},
	upload: async (event) => {
		requireCan(event.locals, 'content:edit');
		const form = await formDataOf(event.request);
		if (!form) return refused('upload', { kind: 'too_large', field: 'file', key: 'author_error_request_too_large', params: { size: formatBytes(AUTHORING_BODY_LIMIT) } });
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return refused('upload', { kind: 'invalid', field: 'file', key: 'author_error_file_missing' });
		const { course, lesson } = event.params;
		const outcome = await uploadLessonFile(db(), actorOf(event.locals), course, lesson, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
		if (!outcome.ok) return refused('upload', outcome.problem);
		return { scope: 'upload', uploaded: outcome.value.name };
	},
	deleteFile: async (event) => {
		const { course, lesson } = event.params;
		const r = await perform(event, 'files', fileNameForm, (data) => deleteLessonFile(db(), actorOf(event.locals), course, lesson, data.name));
		return r.ok ? { scope: 'files', deleted: r.value.name } : r.response;
	}
};
