import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { listOutbox } from '#lib/server/mail/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'admin:outbox');
	return { mails: valueOf(await listOutbox(db(), actorOf(locals), 100)) };
};
