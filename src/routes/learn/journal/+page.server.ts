import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm, uuid } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { REFLECTION_MAX } from '#lib/server/learn/progress/index.ts';
import { listJournal, shareJournalEntry, updateJournalEntry } from '#lib/server/learn/progress/index.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';

const entryId = uuid();
const editForm = z.object({ id: entryId, body: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(REFLECTION_MAX, 'error_too_long') });
const shareForm = z.object({ id: entryId, shared: z.enum(['yes', 'no'], { error: 'error_invalid' }) });

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { entries: valueOf(await listJournal(db(), actorOf(locals), getLocale())) };
};

export const actions: Actions = {
	edit: async (event) => {
		const { locals, request } = event;
		requireSession(locals);
		const parsed = parseForm(editForm, await request.formData());
		if (!parsed.ok) return fail(400, { id: parsed.values.id ?? '', error: parsed.errors.body ?? parsed.errors.id ?? 'error_invalid', text: parsed.values.body ?? '' });
		// Someone else's entry looks exactly like one that does not exist (a bare 'not_found': the 404 page).
		const result = await updateJournalEntry(db(), actorOf(locals), parsed.data.id, parsed.data.body);
		return respond(result, {}, () => backWithFlash(event, { id: parsed.data.id, done: 'learn_journal_saved' }));
	},
	share: async (event) => {
		const { locals, request } = event;
		requireSession(locals);
		const parsed = parseForm(shareForm, await request.formData());
		if (!parsed.ok) return fail(400, { id: parsed.values.id ?? '', error: 'error_invalid' });
		const result = await shareJournalEntry(db(), actorOf(locals), parsed.data.id, parsed.data.shared === 'yes');
		return respond(result, {}, () =>
			backWithFlash(event, { id: parsed.data.id, done: parsed.data.shared === 'yes' ? 'learn_journal_shared' : 'learn_journal_unshared' })
		);
	}
};
