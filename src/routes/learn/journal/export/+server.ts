import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { formatDate } from '#lib/i18n/format.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { journalAsMarkdown, listJournal } from '#lib/server/learn/progress/index.ts';

/** The learner's journal as a Markdown file. */
export const GET: RequestHandler = async ({ locals }) => {
	requireSession(locals);
	const locale = getLocale();
	const entries = valueOf(await listJournal(db(), actorOf(locals), locale));
	const text = journalAsMarkdown(entries, { title: m.learn_journal_title(), date: (d) => formatDate(d, locale) });
	return new Response(text, {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': 'attachment; filename="praxis-journal.md"',
			'cache-control': 'private, no-store'
		}
	});
};
