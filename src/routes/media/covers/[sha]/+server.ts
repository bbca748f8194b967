import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { findCourseCover } from '#lib/server/learn/catalogue/index.ts';

/** A course's cover by its hash (catalogue cards, course pages, the course editor). */
export const GET: RequestHandler = async ({ params, request }) => {
	const cover = await findCourseCover(db(), params.sha);
	if (!cover) error(404, m.error_not_found_title());
	const headers: Record<string, string> = {
		'content-type': cover.mime,
		// The address is the content's hash: it never changes.
		'cache-control': 'public, max-age=31536000, immutable',
		etag: `"${cover.sha256}"`,
		'x-content-type-options': 'nosniff',
		// An SVG opened on its own must not run scripts.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
		'content-length': String(cover.data.byteLength)
	};
	if (request.headers.get('if-none-match') === headers.etag) return new Response(null, { status: 304, headers });
	return new Response(cover.data as BodyInit, { headers });
};
