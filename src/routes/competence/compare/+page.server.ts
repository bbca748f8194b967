import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { compareAssessments, listAssessments } from '#lib/server/competence/index.ts';
import { isUuid } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSession(locals);
	const actor = actorOf(locals);
	const assessments = valueOf(await listAssessments(db(), actor));
	const a = url.searchParams.get('a') ?? '';
	const b = url.searchParams.get('b') ?? '';
	if (!a && !b) return { assessments, a: assessments[1]?.id ?? '', b: assessments[0]?.id ?? '', comparison: null, error: null };
	if (!isUuid(a) || !isUuid(b)) return { assessments, a, b, comparison: null, error: 'competence_error_choose_two' };
	const result = await compareAssessments(db(), actor, a, b, getLocale());
	if (!result.ok && result.problem.kind === 'invalid') return { assessments, a, b, comparison: null, error: result.problem.key ?? 'error_invalid' };
	return { assessments, a, b, comparison: valueOf(result), error: null };
};
