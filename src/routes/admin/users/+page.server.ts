import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { changeRole, isRole, searchUsers, setDisabled } from '#lib/server/accounts/admin.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { isUuid } from '#lib/server/forms/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireCan(locals, 'admin:users');
	// NUL cannot reach PostgreSQL; the rest is matched literally.
	const query = (url.searchParams.get('q') ?? '').replaceAll('\u0000', '').trim().slice(0, 100);
	return { query, me: user.id, users: await searchUsers(db(), query) };
};

async function target(request: Request) {
	const form = await request.formData();
	const userId = form.get('user');
	// A user id that is not a UUID names nobody: refused here, before it reaches a uuid column.
	return { userId: isUuid(userId) ? userId : null, role: String(form.get('role') ?? ''), form };
}

const NOBODY = { error: 'error_invalid' };

export const actions: Actions = {
	role: async (event) => {
		const { user } = requireCan(event.locals, 'admin:users');
		const { userId, role } = await target(event.request);
		if (!userId) return fail(400, NOBODY);
		if (!isRole(role)) return fail(400, { error: 'error_choose' });
		if (userId === user.id) return fail(400, { error: 'admin_users_not_self' });
		await changeRole(db(), user.id, userId, role, requestContext(event).ip);
		return { done: 'admin_users_updated' };
	},
	disable: async (event) => {
		const { user } = requireCan(event.locals, 'admin:users');
		const { userId } = await target(event.request);
		if (!userId) return fail(400, NOBODY);
		if (!(await setDisabled(db(), user.id, userId, true, requestContext(event).ip))) return fail(400, { error: 'admin_users_not_self' });
		return { done: 'admin_users_updated' };
	},
	enable: async (event) => {
		const { user } = requireCan(event.locals, 'admin:users');
		const { userId } = await target(event.request);
		if (!userId) return fail(400, NOBODY);
		if (!(await setDisabled(db(), user.id, userId, false, requestContext(event).ip))) return fail(400, { error: 'admin_users_not_self' });
		return { done: 'admin_users_updated' };
	}
};
