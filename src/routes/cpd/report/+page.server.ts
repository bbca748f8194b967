import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { currentStandardsVersion, loadStandards } from '#lib/server/competence/index.ts';
import { yearView } from '#lib/server/cpd/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireSession(locals);
	const asked = url.searchParams.get('year');
	const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : null;
	const view = valueOf(await yearView(db(), actorOf(locals), year));
	const version = await currentStandardsVersion(db());
	const standards = version ? await loadStandards(db(), version, getLocale()) : undefined;
	return { view, name: user.displayName, areas: (standards?.areas ?? []).map((a) => ({ key: a.key, code: a.code, title: a.title })) };
};
