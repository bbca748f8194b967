import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { exportCoursePackage } from '#lib/server/learn/authoring/index.ts';

/** The course as a package (.zip in the content/ format), made from the database. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireCan(locals, 'content:edit');
	const { data, fileName } = valueOf(await exportCoursePackage(db(), actorOf(locals), params.course));
	return new Response(data as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${fileName}"`,
			'content-length': String(data.byteLength),
			'cache-control': 'no-store'
		}
	});
};
