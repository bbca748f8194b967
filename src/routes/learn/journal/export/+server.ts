import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { formatDate } from '#lib/i18n/format.ts';
import { db } from '#lib/server/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { journalAsMarkdown, listJournal } from '#lib/server/learn/progress/index.ts';

/** The learner's journal as a Markdown file. */
export const GET: RequestHandler = async ({ locals }) => {
	const session = requireSession(locals);
	const locale = getLocale();
	const entries = await listJournal(db(), session.user.id, locale);
	const text = journalAsMarkdown(entries, { title: m.learn_journal_title(), date: (d) => formatDate(d, locale) });
	return new Response(text, {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': 'attachment; filename="praxis-journal.md"',
			'cache-control': 'private, no-store'
		}
	});
};
