import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { listOutbox } from '#lib/server/mail/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'admin:outbox');
	return { mails: await listOutbox(db(), 100) };
};
