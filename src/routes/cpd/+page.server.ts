import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { currentStandardsVersion, loadStandards } from '#lib/server/competence/index.ts';
import { CSV_MAX_BYTES, importCsv, logPage, reminderForm, setReminder, settingsForm, updateSettings, yearView } from '#lib/server/cpd/index.ts';
import { pageNumber, parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSession(locals);
	const asked = url.searchParams.get('year');
	const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : null;
	const view = logPage(valueOf(await yearView(db(), actorOf(locals), year)), pageNumber(url.searchParams));
	const version = await currentStandardsVersion(db());
	const standards = version ? await loadStandards(db(), version, getLocale()) : undefined;
	return { view, areas: (standards?.areas ?? []).map((a) => ({ key: a.key, code: a.code, title: a.title })) };
};

export const actions: Actions = {
	settings: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(settingsForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'settings', errors: parsed.errors });
		const result = await updateSettings(db(), actorOf(locals), parsed.data);
		return respond(result, { frame: { section: 'settings' } }, () => ({ section: 'settings', done: 'cpd_settings_saved' }));
	},
	reminder: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(reminderForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'reminder', errors: parsed.errors });
		const result = await setReminder(db(), actorOf(locals), parsed.data.remind);
		return respond(result, { frame: { section: 'reminder' } }, () => ({ section: 'reminder', done: 'cpd_reminder_saved' }));
	},
	import: async ({ locals, request }) => {
		requireSession(locals);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { section: 'import', errors: { file: 'cpd_error_no_file' }, rows: [] });
		if (file.size > CSV_MAX_BYTES) return fail(413, { section: 'import', errors: { file: 'cpd_error_file_large' }, rows: [] });
		const result = await importCsv(db(), actorOf(locals), await file.text());
		if (!result.ok) {
			const rows = 'rows' in result ? result.rows : [];
			const status = result.problem.kind === 'too_large' ? 413 : result.problem.kind === 'forbidden' ? 403 : 400;
			return fail(status, { section: 'import', errors: { file: result.problem.key ?? 'error_invalid' }, rows });
		}
		return { section: 'import', done: 'cpd_imported', added: result.value.added };
	}
};
