import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/app.ts';
import { parseForm, uuid } from '#lib/server/forms/index.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { REFLECTION_MAX } from '#lib/server/learn/progress/index.ts';
import { listJournal, shareJournalEntry, updateJournalEntry } from '#lib/server/learn/progress/index.ts';

const entryId = uuid();
const editForm = z.object({ id: entryId, body: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(REFLECTION_MAX, 'error_too_long') });
const shareForm = z.object({ id: entryId, shared: z.enum(['yes', 'no'], { error: 'error_invalid' }) });

export const load: PageServerLoad = async ({ locals }) => {
	const session = requireSession(locals);
	return { entries: await listJournal(db(), session.user.id, getLocale()) };
};

export const actions: Actions = {
	edit: async ({ locals, request }) => {
		const session = requireSession(locals);
		const parsed = parseForm(editForm, await request.formData());
		if (!parsed.ok) return fail(400, { id: parsed.values.id ?? '', error: parsed.errors.body ?? parsed.errors.id ?? 'error_invalid', text: parsed.values.body ?? '' });
		// Someone else's entry looks exactly like one that does not exist.
		if (!(await updateJournalEntry(db(), session.user.id, parsed.data.id, parsed.data.body))) error(404, m.error_not_found_title());
		return { id: parsed.data.id, done: 'learn_journal_saved' };
	},
	share: async ({ locals, request }) => {
		const session = requireSession(locals);
		const parsed = parseForm(shareForm, await request.formData());
		if (!parsed.ok) return fail(400, { id: parsed.values.id ?? '', error: 'error_invalid' });
		if (!(await shareJournalEntry(db(), session.user.id, parsed.data.id, parsed.data.shared === 'yes'))) error(404, m.error_not_found_title());
		return { id: parsed.data.id, done: parsed.data.shared === 'yes' ? 'learn_journal_shared' : 'learn_journal_unshared' };
	}
};
