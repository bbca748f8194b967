import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { actionForm, actionUpdateForm, benchmarkForm, roundForm } from '#lib/server/quality/forms.ts';
import { addAction, openRound, organisationQuality, setBenchmark, updateAction } from '#lib/server/quality/service.ts';

// Someone who is not a member gets the same 404 as for an organisation that does not exist.

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const session = requireSession(locals);
	const page = valueOf(await organisationQuality(db(), actorOf(locals), params.id, getLocale()));
	return {
		...page,
		me: session.user.id,
		copy: url.searchParams.has('copy') && page.last !== null,
		prefill: { criterion: url.searchParams.get('criterion') ?? '', round: url.searchParams.get('round') ?? '' }
	};
};

/** A stranger learns nothing, not even whether their input was valid. */
async function refuseStranger(event: RequestEvent) {
	valueOf(await organisationQuality(db(), actorOf(event.locals), event.params.id, getLocale()));
}

export const actions: Actions = {
	open: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(roundForm, form);
		const frame = { section: 'open', values: Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>, areas: form.getAll('areas').map(String), roles: form.getAll('roles').map(String) };
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, frame);
		}
		const result = await openRound(db(), actorOf(event.locals), event.params.id, parsed.data, getLocale());
		return respond(result, { frame }, ({ id }) => redirect(303, localizeHref(`/quality/rounds/${id}`)));
	},
	action: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(actionForm, form);
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'action', values: parsed.values });
		}
		const d = parsed.data;
		const result = await addAction(db(), actorOf(event.locals), event.params.id, {
			roundId: d.roundId ?? null,
			criterionKey: d.criterion ?? null,
			goal: d.goal,
			title: d.title,
			ownerId: d.owner ?? null,
			deadline: d.deadline ?? null,
			notes: d.notes,
			training: d.training ?? null
		});
		return respond(result, { frame: { section: 'action', values: Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string> } }, () => ({ section: 'action', done: 'quality_action_added' }));
	},
	update: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(actionUpdateForm, await event.request.formData());
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'update', values: parsed.values });
		}
		const { status, notes, relink, training } = parsed.data;
		const result = await updateAction(db(), actorOf(event.locals), event.params.id, parsed.data.action, { status, notes, ...(relink ? { training: training ?? null } : {}) });
		return respond(result, { frame: { section: 'update', action: parsed.data.action } }, () => ({ section: 'update', action: parsed.data.action, done: 'quality_action_updated' }));
	},
	benchmark: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(benchmarkForm, await event.request.formData());
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'benchmark', values: parsed.values });
		}
		const result = await setBenchmark(db(), actorOf(event.locals), event.params.id, parsed.data.benchmark === 'in', { ip: requestContext(event).ip });
		return respond(result, { frame: { section: 'benchmark' } }, ({ optedIn }) => ({ section: 'benchmark', done: optedIn ? 'quality_benchmark_joined' : 'quality_benchmark_left' }));
	}
};
