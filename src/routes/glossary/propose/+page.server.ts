import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { listTermProposals, proposeTerm, termProposalForm } from '#lib/server/glossary/index.ts';

// A member proposes a glossary term in their language and follows what became of their proposals.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireCan(locals, 'glossary:propose');
	return { proposed: url.searchParams.has('proposed'), mine: valueOf(await listTermProposals(db(), actorOf(locals), 'mine')) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireCan(locals, 'glossary:propose');
		const form = await request.formData();
		const parsed = parseForm(termProposalForm, form);
		const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string'));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const result = await proposeTerm(db(), actorOf(locals), parsed.data, getLocale());
		return respond(result, { frame: { values } }, () => redirect(303, localizeHref('/glossary/propose?proposed=1')));
	}
};
