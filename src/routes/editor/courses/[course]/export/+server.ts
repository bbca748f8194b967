import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { exportCoursePackage } from '#lib/server/learn/authoring/index.ts';

/** The course as a package (.zip in the content/ format), made from the database. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireCan(locals, 'content:edit');
	const outcome = await exportCoursePackage(db(), actorOf(locals), params.course);
	// The only refusals are "forbidden" and "no such course": both a 404, as everywhere in the editor.
	if (!outcome.ok) error(404, m.author_error_not_found());
	return new Response(outcome.value.data as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${outcome.value.fileName}"`,
			'content-length': String(outcome.value.data.byteLength),
			'cache-control': 'no-store'
		}
	});
};
