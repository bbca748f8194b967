import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { coursesForEditing, createCourse } from '#lib/server/learn/authoring/index.ts';
import { formatBytes } from '#lib/server/learn/authoring/index.ts';
import { newCourseForm } from '#lib/server/learn/authoring/index.ts';
import { AUTHORING_BODY_LIMIT, PACKAGE_MAX_BYTES } from '#lib/server/learn/authoring/index.ts';
import { importCoursePackage } from '#lib/server/learn/authoring/index.ts';
import { formDataOf, perform, refused } from './respond.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'content:edit');
	return { courses: valueOf(await coursesForEditing(db(), actorOf(locals))), packageLimit: formatBytes(PACKAGE_MAX_BYTES) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const r = await perform({ locals, request }, 'create', newCourseForm, (data) => createCourse(db(), actorOf(locals), data));
		if (!r.ok) return r.response;
		redirect(303, localizeHref(`/editor/courses/${r.value.slug}?locale=en`));
	},
	import: async ({ locals, request }) => {
		requireCan(locals, 'content:edit');
		const form = await formDataOf(request);
		const tooLarge = { kind: 'too_large' as const, field: 'package', key: 'author_error_request_too_large', params: { size: formatBytes(AUTHORING_BODY_LIMIT) } };
		if (!form) return refused('import', tooLarge);
		const file = form.get('package');
		if (!(file instanceof File) || file.size === 0) return refused('import', { kind: 'invalid', field: 'package', key: 'author_error_file_missing' });
		const outcome = await importCoursePackage(db(), actorOf(locals), new Uint8Array(await file.arrayBuffer()), { replace: form.get('replace') === 'on' });
		if (!outcome.ok) return refused('import', outcome.problem);
		return { scope: 'import', imported: outcome.value };
	}
};
