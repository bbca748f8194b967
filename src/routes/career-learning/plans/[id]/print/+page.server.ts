import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { lessonRenderContext } from '#lib/server/learn/catalogue/index.ts';
import { getPlan, getResource } from '#lib/server/resources/index.ts';

// The run sheet: the plan's steps in order, each with its full text, for printing.
export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	const locale = getLocale();
	const actor = actorOf(locals);
	const plan = valueOf(await getPlan(db(), actor, params.id, locale));
	const bodies = await Promise.all(plan.steps.map((s) => getResource(db(), actor, s.resource.slug, locale, lessonRenderContext(locale))));
	return {
		plan,
		steps: plan.steps.map((s, i) => {
			const full = bodies[i];
			return { ...s, html: full?.ok ? full.value.html : '', shownLocale: full?.ok ? full.value.shownLocale : s.resource.shownLocale };
		})
	};
};
