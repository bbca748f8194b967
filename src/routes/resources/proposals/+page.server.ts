import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { decideProposal, decisionForm, listProposals } from '#lib/server/resources/index.ts';

// The editors' queue: members' proposals waiting to be published or rejected.
export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'resource:curate');
	return { proposals: valueOf(await listProposals(db(), actorOf(locals), 'queue')) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireCan(locals, 'resource:curate');
		const parsed = parseForm(decisionForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, slug: parsed.values.slug ?? '' });
		const { slug, decision, captions } = parsed.data;
		const result = await decideProposal(db(), actorOf(locals), slug, decision, captions === 'on');
		return respond(result, { frame: { slug } }, () => ({ done: decision, slug }));
	}
};
