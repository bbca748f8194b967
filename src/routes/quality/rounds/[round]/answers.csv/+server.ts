import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { csvCell, csvDownload, csvText } from '#lib/server/http/csv.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { anonymisedAnswers } from '#lib/server/quality/service.ts';

/** A closed round's answers without names, for its leaders (404 for anyone else). */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireSession(locals);
	const { rows } = valueOf(await anonymisedAnswers(db(), actorOf(locals), params.round, getLocale()));
	const csv = csvText(
		[m.quality_csv_rater(), m.quality_csv_role(), m.quality_csv_area(), m.quality_csv_criterion(), m.quality_csv_indicator(), m.quality_csv_value(), m.quality_csv_evidence(), m.quality_csv_comment()],
		rows.map((r) => [r.rater, r.role, r.area, r.criterion, r.indicator, String(r.value ?? ''), csvCell(r.evidence), csvCell(r.comment)])
	);
	return csvDownload(csv, `round-${params.round}.csv`);
};
