import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { currentStandardsVersion, loadStandards } from '#lib/server/competence/index.ts';
import { addEvidence, deleteEntry, entryForm, evidenceForm, getEntry, listEvidence, removeEvidence, updateEntry } from '#lib/server/cpd/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	const entry = valueOf(await getEntry(db(), actorOf(locals), params.id));
	const evidence = valueOf(await listEvidence(db(), actorOf(locals), params.id));
	const version = await currentStandardsVersion(db());
	const standards = version ? await loadStandards(db(), version, getLocale()) : undefined;
	return { entry, evidence, areas: (standards?.areas ?? []).map((a) => ({ key: a.key, code: a.code, title: a.title })) };
};

export const actions: Actions = {
	save: async ({ locals, request, params }) => {
		requireSession(locals);
		const form = await request.formData();
		const parsed = parseForm(entryForm, form);
		const values = { ...Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')), competenceAreas: form.getAll('competenceAreas').map(String) };
		if (!parsed.ok) return fail(parsed.errors.reflection === 'error_too_long' ? 413 : 400, { errors: parsed.errors, values });
		const result = await updateEntry(db(), actorOf(locals), params.id, parsed.data);
		return respond(result, { frame: { values } }, () => redirect(303, localizeHref('/cpd?saved=1')));
	},
	// A plain multipart form: works without JavaScript. The body limit for `?/evidence` is set in
	// learn/authoring/limits.ts; the session is checked before the body is read.
	evidence: async ({ locals, request, params }) => {
		requireSession(locals);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { section: 'evidence', errors: { file: 'cpd_error_evidence_none' } });
		const result = await addEvidence(db(), actorOf(locals), params.id, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
		return respond(result, { frame: { section: 'evidence' } }, () => ({ section: 'evidence', done: 'cpd_evidence_added' }));
	},
	removeEvidence: async ({ locals, request, params }) => {
		requireSession(locals);
		const parsed = parseForm(evidenceForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'evidence', errors: { file: parsed.errors.file ?? 'error_invalid' } });
		const result = await removeEvidence(db(), actorOf(locals), params.id, parsed.data.file);
		return respond(result, { frame: { section: 'evidence' } }, () => ({ section: 'evidence', done: 'cpd_evidence_removed' }));
	},
	delete: async ({ locals, params }) => {
		requireSession(locals);
		return respond(await deleteEntry(db(), actorOf(locals), params.id), {}, () => redirect(303, localizeHref('/cpd?deleted=1')));
	}
};
