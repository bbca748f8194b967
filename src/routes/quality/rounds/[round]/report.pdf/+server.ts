import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { roundReportPdf } from '#lib/server/quality/report-pdf.ts';
import { roundReport } from '#lib/server/quality/service.ts';

/** The report of a closed round as a PDF in the reader's language: as the report page, for its organisation's members (404 for anyone else). */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireSession(locals);
	const locale = getLocale();
	const report = valueOf(await roundReport(db(), actorOf(locals), params.round, locale));
	const pdf = await roundReportPdf(report, locale);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="quality-report-${report.round.id}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
