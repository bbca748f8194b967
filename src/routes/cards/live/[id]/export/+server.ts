import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { csvDownload } from '#lib/server/http/csv.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { liveSummary, summaryCsv } from '#lib/server/cards/index.ts';

/** The session's summary as CSV: one row per free-text answer, or per option with its count. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireSession(locals);
	const summary = valueOf(await liveSummary(db(), actorOf(locals), params.id));
	const csv = summaryCsv(summary, { free: m.cards_live_form_free(), choice: m.cards_live_form_choice(), scale: m.cards_live_form_scale() });
	return csvDownload(csv, `praxis-live-${summary.joinCode}.csv`);
};
