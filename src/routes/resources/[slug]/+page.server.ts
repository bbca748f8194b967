import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { discussionOf } from '#lib/server/community/index.ts';
import { parseForm, uuid } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { lessonRenderContext } from '#lib/server/learn/catalogue/index.ts';
import { addStep, LANGUAGES, attachForm, attachResourceFile, countView, getResource, listPlans, removeFileForm, removeResourceFile, setFavourite } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const locale = getLocale();
	const actor = actorOf(locals);
	const found = await getResource(db(), actor, params.slug, locale, lessonRenderContext(locale));
	if (!found.ok) error(404, m.resources_not_found());
	if (found.value.status === 'published') await countView(db(), params.slug);
	const plans = actor ? await listPlans(db(), actor) : undefined;
	return {
		resource: found.value,
		plans: plans?.ok ? plans.value.filter((p) => p.mine).map((p) => ({ id: p.id, title: p.title })) : [],
		signedIn: !!actor,
		discussion: await discussionOf(db(), actor, { kind: 'resource', path: `/resources/${params.slug}` }, locale),
		proposed: url.searchParams.get('proposed') === '1',
		// The languages captions or a transcript may be in (for the upload form).
		fileLanguages: found.value.attach ? [...LANGUAGES] : []
	};
};

const favouriteForm = z.object({ on: z.enum(['1', '0'], { error: 'error_invalid' }) });
const planForm = z.object({ plan: uuid() });

export const actions: Actions = {
	favourite: async ({ locals, params, request }) => {
		requireSession(locals);
		const parsed = parseForm(favouriteForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await setFavourite(db(), actorOf(locals), params.slug, parsed.data.on === '1');
		return respond(result, {}, () => ({ favourited: parsed.data.on === '1' }));
	},
	plan: async ({ locals, params, request }) => {
		requireSession(locals);
		const parsed = parseForm(planForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await addStep(db(), actorOf(locals), parsed.data.plan, params.slug);
		return respond(result, {}, () => redirect(303, localizeHref(`/career-learning/plans/${parsed.data.plan}?added=1`)));
	},
	// A plain multipart form: works without JavaScript. Its body limit (the largest video) is set in
	// learn/authoring/limits.ts; the session is checked before the body is read.
	upload: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = await request.formData();
		const parsed = parseForm(attachForm, form);
		if (!parsed.ok) return fail(400, { section: 'files', errors: parsed.errors });
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { section: 'files', errors: { file: 'resources_error_file_none' } });
		const result = await attachResourceFile(db(), actorOf(locals), params.slug, { ...parsed.data, name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
		return respond(result, { frame: { section: 'files' } }, () => ({ section: 'files', done: 'resources_file_added' }));
	},
	removeFile: async ({ locals, params, request }) => {
		requireSession(locals);
		const parsed = parseForm(removeFileForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'files', errors: { files: parsed.errors.file ?? 'error_invalid' } });
		const result = await removeResourceFile(db(), actorOf(locals), params.slug, parsed.data.file);
		return respond(result, { frame: { section: 'files' } }, () => ({ section: 'files', done: 'resources_file_removed' }));
	}
};
