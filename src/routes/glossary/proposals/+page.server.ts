import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { decideTermProposal, listTermProposals, termDecisionForm } from '#lib/server/glossary/index.ts';

// The editors' queue: members' proposed terms waiting to be accepted or rejected.
export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'glossary:curate');
	return { proposals: valueOf(await listTermProposals(db(), actorOf(locals), 'queue')) };
};

export const actions: Actions = {
	default: async (event) => {
		requireCan(event.locals, 'glossary:curate');
		const parsed = parseForm(termDecisionForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, id: parsed.values.id ?? '' });
		const { id, decision, reason } = parsed.data;
		const result = await decideTermProposal(db(), actorOf(event.locals), id, decision, reason, requestContext(event).ip);
		return respond(result, { frame: { id: String(id) } }, ({ slug }) => ({ done: decision, slug, id: String(id) }));
	}
};
