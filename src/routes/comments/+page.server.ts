import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { comment, commentForm, discussionOf, isContentRef } from '#lib/server/community/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

// Where the comment form under every content page posts (components/community/Discussion.svelte).
// Success goes back to the page, at the comment; a refused comment is shown here, with its text.

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSession(locals);
	const ref = { kind: url.searchParams.get('kind') ?? '', path: url.searchParams.get('path') ?? '' };
	if (!isContentRef(ref)) error(404, m.error_not_found_title());
	return { discussion: await discussionOf(db(), actorOf(locals), ref, getLocale()) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(commentForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { values: parsed.values });
		const { kind, path, body, language } = parsed.data;
		const result = await comment(db(), actorOf(locals), { kind, path }, { body, language });
		return respond(result, { frame: { values: { kind, path, body, language } } }, (value) => redirect(303, `${localizeHref(path)}#${value.postId ? `post-${value.postId}` : 'comments'}`));
	}
};
