import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import { message } from '#lib/i18n/message.ts';
import { db } from '#lib/server/platform/app.ts';
import { imageForm, openSpace, uploadImage } from '#lib/server/community/index.ts';
import { parseForm, uploadedFile } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

/**
 * Uploads an image for a post being written (static/community-image.js puts its Markdown at the
 * cursor); the composer's forms work without it, sending the image with the post.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const form = await request.formData();
	const parsed = parseForm(imageForm, form);
	if (!parsed.ok) error(400, message(Object.values(parsed.errors)[0] ?? 'error_invalid'));
	const file = await uploadedFile(form, 'image');
	if (!file) error(400, message('community_image_none'));
	const uploaded = valueOf(await uploadImage(db(), actor, space, { ...file, alt: parsed.data.alt }));
	return Response.json({ markdown: uploaded.markdown });
};
