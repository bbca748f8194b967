import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { changeRole, isRole, searchUsers, setDisabled } from '#lib/server/accounts/admin.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { isUuid } from '#lib/server/forms/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireCan(locals, 'admin:users');
	// NUL cannot reach PostgreSQL; the rest is matched literally.
	const query = (url.searchParams.get('q') ?? '').replaceAll('\u0000', '').trim().slice(0, 100);
	return { query, me: user.id, users: valueOf(await searchUsers(db(), actorOf(locals), query)) };
};

async function target(request: Request) {
	const form = await request.formData();
	const userId = form.get('user');
	// A user id that is not a UUID names nobody: refused here, before it reaches a uuid column.
	return { userId: isUuid(userId) ? userId : null, role: String(form.get('role') ?? ''), form };
}

const NOBODY = { error: 'error_invalid' };
const DONE = { done: 'admin_users_updated' };

export const actions: Actions = {
	role: async (event) => {
		requireCan(event.locals, 'admin:users');
		const { userId, role } = await target(event.request);
		if (!userId) return fail(400, NOBODY);
		if (!isRole(role)) return fail(400, { error: 'error_choose' });
		const result = await changeRole(db(), actorOf(event.locals), userId, role, requestContext(event).ip);
		return respond(result, { single: true }, () => DONE);
	},
	disable: async (event) => {
		requireCan(event.locals, 'admin:users');
		const { userId } = await target(event.request);
		if (!userId) return fail(400, NOBODY);
		return respond(await setDisabled(db(), actorOf(event.locals), userId, true, requestContext(event).ip), { single: true }, () => DONE);
	},
	enable: async (event) => {
		requireCan(event.locals, 'admin:users');
		const { userId } = await target(event.request);
		if (!userId) return fail(400, NOBODY);
		return respond(await setDisabled(db(), actorOf(event.locals), userId, false, requestContext(event).ip), { single: true }, () => DONE);
	}
};
