import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { createThread, newThreadForm, openSpace, threadForm } from '#lib/server/community/index.ts';
import { parseForm, uploadedFile } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	const { space, mayAnnounce, draft } = valueOf(await newThreadForm(db(), actorOf(locals), params.space, getLocale()));
	return { space: { slug: space.slug, title: space.title }, mayAnnounce, draft, locale: getLocale() };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		requireSession(locals);
		const actor = actorOf(locals);
		const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
		const form = await request.formData();
		const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		const parsed = parseForm(threadForm, form);
		if (!parsed.ok) return invalidForm(parsed.errors, { values });
		const file = await uploadedFile(form, 'image');
		const result = await createThread(db(), actor, space, { ...parsed.data, image: file && { ...file, alt: parsed.data.alt } });
		return respond(result, { frame: { values } }, (created) => redirect(303, localizeHref(`/community/${space.slug}/${created.id}${created.held ? '?held=1' : ''}`)));
	}
};
