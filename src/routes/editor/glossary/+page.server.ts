import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { glossaryTranslationStatus } from '#lib/server/glossary/editing.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'content:edit');
	return { status: valueOf(await glossaryTranslationStatus(db(), actorOf(locals))) };
};
