import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { findLessonFile, parseRange, readLessonFile } from '#lib/server/learn/content/index.ts';

/** Lesson files (images, audio, video, captions), with range requests so players can seek. */
export const GET: RequestHandler = async ({ params, request }) => {
	const file = await findLessonFile(db(), params.sha, params.name);
	if (!file) error(404, m.error_not_found_title());
	const headers: Record<string, string> = {
		'content-type': file.mime,
		'accept-ranges': 'bytes',
		// The URL carries the content's hash: it never changes.
		'cache-control': 'public, max-age=31536000, immutable',
		etag: `"${file.sha256}"`,
		'x-content-type-options': 'nosniff',
		// An SVG opened on its own must not run scripts.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
	};
	if (request.headers.get('if-none-match') === headers.etag) return new Response(null, { status: 304, headers });
	const range = parseRange(request.headers.get('range'), file.size);
	if (range === 'unsatisfiable') {
		return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${file.size}` } });
	}
	const { start, end } = range ?? { start: 0, end: file.size - 1 };
	const body = file.size ? await readLessonFile(db(), file.id, start, end) : new Uint8Array();
	headers['content-length'] = String(body.byteLength);
	if (!range) return new Response(body as BodyInit, { status: 200, headers });
	return new Response(body as BodyInit, { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${file.size}` } });
};
