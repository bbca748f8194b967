import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import type { AppLocale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { Figures } from './results.ts';
import type { RoundView } from './service.ts';

// A closed round's report as a PDF (A4 portrait), in the reader's language: a table per area with
// its criteria (raters, median, spread, rating and flags, medians by role, change), the flags, and
// the plan's actions. The words come from reportContent() (tested on its own); pdfkit only draws
// them. DejaVu Sans has every letter of the five languages and the arrows; only used glyphs are embedded.

const FONTS = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONTS, 'DejaVuSans.ttf');
const BOLD = path.join(FONTS, 'DejaVuSans-Bold.ttf');
const INK = '#1f2937';
const ACCENT = '#0f5c7a';
const MARGIN = 40;

export type PdfTable = { heading: string; note?: string; columns: { label: string; width: number }[]; rows: { cells: string[]; strong?: boolean }[] };
export type ReportContent = { title: string; lines: string[]; sections: { heading: string; paragraphs: string[]; tables: PdfTable[] }[] };

type ReportView = RoundView & { people: { userId: string; displayName: string }[] };

/** A message by a key that comes from data (a colour, a status, a flag), in the given locale. */
const say = (key: string, locale: AppLocale): string => (m as unknown as Record<string, ((i: object, o: { locale: AppLocale }) => string) | undefined>)[key]?.({}, { locale }) ?? key;

/** The report's words and tables, in the reader's language (what the PDF shows, nothing else). */
export function reportContent(view: ReportView, locale: AppLocale): ReportContent {
	const o = { locale };
	const num = (v: number | null) => (v === null ? m.quality_no_figure({}, o) : formatNumber(v, locale));
	const change = (f: Figures) => {
		if (f.change === null || f.previousMedian === null) return '–';
		const value = formatNumber(f.previousMedian, locale);
		return f.change === 'up' ? `↑ ${m.quality_change_up({ value }, o)}` : f.change === 'down' ? `↓ ${m.quality_change_down({ value }, o)}` : `→ ${m.quality_change_same({ value }, o)}`;
	};
	const rating = (f: Figures) => [f.rag ? say(`quality_rag_${f.rag}`, locale) : '–', ...f.divergence.map((d) => `⚑ ${say(`quality_divergence_${d}`, locale)}`)].join('\n');
	const byRole = (f: Figures) =>
		f.byRole
			.filter((r) => r.n > 0)
			.map((r) => `${say(`quality_rater_role_${r.role}`, locale)}: ${r.median === null ? m.quality_small_group({}, o) : formatNumber(r.median, locale)}`)
			.join('\n') || '–';
	const row = (f: Figures & { code: string | null; title: string }, strong = false) => ({
		strong,
		cells: [`${f.code ?? ''} ${f.title}`.trim(), String(f.n), num(f.median), num(f.iqr), rating(f), byRole(f), change(f)]
	});
	const columns = [
		{ label: m.quality_col_item({}, o), width: 140 },
		{ label: m.quality_col_raters({}, o), width: 42 },
		{ label: m.quality_col_median({}, o), width: 48 },
		{ label: m.quality_col_spread({}, o), width: 60 },
		{ label: m.quality_col_rating({}, o), width: 85 },
		{ label: m.quality_col_by_role({}, o), width: 70 },
		{ label: m.quality_col_change({}, o), width: 70 }
	];
	const results = view.results!;
	const resultSection: ReportContent['sections'][number] = { heading: m.quality_results_heading({}, o), paragraphs: [], tables: [] };
	if (results.hidden) resultSection.paragraphs.push(m.quality_results_hidden({}, o));
	else {
		resultSection.paragraphs.push(m.quality_results_respondents({ respondents: results.respondents, raters: results.raters }, o));
		if (view.previous) resultSection.paragraphs.push(m.quality_compared_with({ title: view.previous.title }, o));
		const flagged = results.areas.flatMap((a) => [a, ...a.criteria]).filter((x) => x.divergence.length);
		resultSection.paragraphs.push(
			flagged.length
				? `${m.quality_divergence_heading({}, o)}: ${flagged.map((x) => `${x.code ?? ''} ${x.title}`.trim()).join('; ')}`
				: m.quality_divergence_none({}, o)
		);
		for (const area of results.areas)
			resultSection.tables.push({ heading: `${area.code ?? ''} ${area.title}`.trim(), columns, rows: [row(area, true), ...area.criteria.map((c) => row(c))] });
	}
	const owner = (id: string | null) => view.people.find((p) => p.userId === id)?.displayName ?? '–';
	const plan: ReportContent['sections'][number] = { heading: m.quality_plan_heading({}, o), paragraphs: [], tables: [] };
	if (!view.actions.length) plan.paragraphs.push(m.quality_plan_none({}, o));
	else
		plan.tables.push({
			heading: m.quality_plan_heading({}, o),
			columns: [
				{ label: m.quality_field_action({}, o), width: 135 },
				{ label: m.quality_field_goal({}, o), width: 135 },
				{ label: m.quality_field_owner({}, o), width: 85 },
				{ label: m.quality_field_deadline({}, o), width: 65 },
				{ label: m.quality_field_status({}, o), width: 95 }
			],
			rows: view.actions.map((a) => ({
				cells: [
					a.title,
					a.goal,
					owner(a.ownerId),
					a.deadline ? formatDate(a.deadline, locale) : '–',
					`${say(`quality_action_status_${a.status}`, locale)}${a.overdue ? ` (${m.quality_plan_overdue_heading({}, o)})` : ''}`
				]
			}))
		});
	return {
		title: m.quality_report_title({ title: view.round.title }, o),
		lines: [
			[view.round.organisation, view.round.closedAt ? m.quality_round_closed_on({ date: formatDate(view.round.closedAt, locale) }, o) : ''].filter(Boolean).join(' · '),
			m.quality_report_framework({ title: view.framework.title, version: view.framework.version, citation: view.framework.sourceCitation }, o)
		],
		sections: [resultSection, plan]
	};
}

/** The report of a closed round as a PDF, in the reader's language. */
export async function roundReportPdf(view: ReportView, locale: AppLocale): Promise<Buffer> {
	const content = reportContent(view, locale);
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		font: REGULAR,
		lang: locale,
		displayTitle: true,
		bufferPages: true,
		info: { Title: content.title, Author: m.site_name({}, { locale }), Subject: view.round.organisation },
		pdfVersion: '1.7'
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const width = doc.page.width - 2 * MARGIN;
	const bottom = () => doc.page.height - MARGIN;
	const para = (text: string, size = 10, bold = false, color = INK) => {
		doc.font(bold ? BOLD : REGULAR).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width });
	};

	/** A table that continues on the next page, its header repeated there. */
	const table = (t: PdfTable) => {
		const PAD = 3;
		const size = 8;
		const heightOf = (cells: string[], bold: boolean) =>
			Math.max(...cells.map((c, i) => doc.font(bold ? BOLD : REGULAR).fontSize(size).heightOfString(c, { width: t.columns[i]!.width - 2 * PAD }))) + 2 * PAD;
		const drawRow = (cells: string[], bold: boolean, fill?: string) => {
			const h = heightOf(cells, bold);
			if (doc.y + h > bottom()) {
				doc.addPage();
				if (!bold || fill === undefined) drawRow(t.columns.map((c) => c.label), true, '#e5eef2');
			}
			const y = doc.y;
			let x = MARGIN;
			for (const [i, c] of cells.entries()) {
				const w = t.columns[i]!.width;
				if (fill) doc.rect(x, y, w, h).fill(fill);
				doc.lineWidth(0.5).strokeColor('#6b7280').rect(x, y, w, h).stroke();
				doc.font(bold ? BOLD : REGULAR).fontSize(size).fillColor(INK).text(c, x + PAD, y + PAD, { width: w - 2 * PAD });
				x += w;
			}
			doc.x = MARGIN;
			doc.y = y + h;
		};
		if (doc.y + 60 > bottom()) doc.addPage();
		para(t.heading, 11, true, ACCENT);
		doc.moveDown(0.2);
		drawRow(t.columns.map((c) => c.label), true, '#e5eef2');
		for (const r of t.rows) drawRow(r.cells, r.strong ?? false);
		doc.moveDown(0.8);
	};

	para(m.site_name({}, { locale }), 10, true, ACCENT);
	doc.moveDown(0.3);
	para(content.title, 18, true);
	doc.moveDown(0.3);
	for (const line of content.lines) para(line, 9);
	for (const section of content.sections) {
		doc.moveDown(0.8);
		if (doc.y + 80 > bottom()) doc.addPage();
		para(section.heading, 14, true);
		doc.moveDown(0.3);
		for (const p of section.paragraphs) {
			para(p, 10);
			doc.moveDown(0.3);
		}
		for (const t of section.tables) table(t);
	}
	// Page numbers, once every page exists.
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		// Below the bottom margin, where pdfkit would otherwise start a new page.
		doc.page.margins.bottom = 0;
		doc.font(REGULAR).fontSize(8).fillColor('#4b5563').text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 12, { width, align: 'right', lineBreak: false });
	}
	doc.end();
	return done;
}
