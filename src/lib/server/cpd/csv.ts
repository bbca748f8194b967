// The CPD record as CSV, for a register or an employer, and back: export with csv-stringify, import
// with csv-parse. An import is all or nothing: every row is checked first, and any bad row is
// reported with its line number while nothing is saved.
import { parse } from 'csv-parse/sync';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { csvCell, csvCellBack, csvText } from '../http/csv.ts';
import { cpdEntry } from '../db/schema/cpd.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { CPD_TYPES, PROVIDER_MAX, REFLECTION_MAX, TITLE_MAX, toQuarters } from './entries.ts';

export const CSV_COLUMNS = ['start_date', 'end_date', 'title', 'type', 'hours', 'provider', 'competence_areas', 'reflection'] as const;
/** The largest CSV file accepted, and the most rows. */
export const CSV_MAX_BYTES = 1_000_000;
export const CSV_MAX_ROWS = 2000;

/** The actor's whole CPD record (drafts and dismissed module drafts left out) as CSV. */
export async function exportCsv(db: DbOrTx, actor: Actor): Promise<Result<string>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const rows = await db
		.select()
		.from(cpdEntry)
		.where(and(eq(cpdEntry.userId, actor.id), eq(cpdEntry.status, 'confirmed')))
		.orderBy(asc(cpdEntry.startsOn), asc(cpdEntry.createdAt));
	return ok(
		csvText(
			[...CSV_COLUMNS],
			rows.map((e) => [e.startsOn, e.endsOn ?? '', csvCell(e.title), e.type, (e.quarters / 4).toString(), csvCell(e.provider), e.competenceAreas.join(';'), csvCell(e.reflection)])
		)
	);
}

const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'cpd_error_date')
	.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'cpd_error_date');

const row = z.object({
	start_date: isoDate,
	end_date: z.union([z.literal(''), isoDate]).transform((v) => v || null),
	title: z.string().trim().min(1, 'error_required').max(TITLE_MAX, 'error_too_long').transform(csvCellBack),
	type: z.enum(CPD_TYPES, { error: 'cpd_error_type' }),
	hours: z
		.string()
		.trim()
		.regex(/^\d{1,3}(\.\d{1,2})?$/, 'cpd_error_hours')
		.transform(Number)
		.refine((h) => toQuarters(h) !== undefined, 'cpd_error_hours'),
	provider: z.string().trim().max(PROVIDER_MAX, 'error_too_long').transform(csvCellBack),
	competence_areas: z
		.string()
		.trim()
		.transform((v) => (v ? v.split(';').map((k) => k.trim()).filter(Boolean) : []))
		.pipe(z.array(z.string().regex(/^area-\d{1,2}$/, 'cpd_error_area')).max(20, 'cpd_error_area')),
	reflection: z.string().trim().max(REFLECTION_MAX, 'error_too_long').transform(csvCellBack)
});

export type RowError = { line: number; column: string; key: string };

/**
 * Imports CPD entries from CSV with the export's columns. Returns how many were added, or the
 * errors of every bad row (line numbers as in the file, the header being line 1), adding none.
 */
export async function importCsv(db: DbOrTx, actor: Actor, text: string): Promise<Result<{ added: number }> | { ok: false; problem: { kind: 'invalid'; field: 'file'; key: string }; rows: RowError[] }> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	if (Buffer.byteLength(text) > CSV_MAX_BYTES) return problem('too_large', { field: 'file', key: 'cpd_error_file_large' });
	let records: { record: Record<string, string>; info: { lines: number } }[];
	try {
		records = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), info: true, skip_empty_lines: true, relax_column_count: false, trim: false });
	} catch (e) {
		const line = (e as { lines?: number }).lines;
		return { ok: false, problem: { kind: 'invalid', field: 'file', key: 'cpd_error_csv' }, rows: line ? [{ line, column: '', key: 'cpd_error_csv' }] : [] };
	}
	if (!records.length) return problem('invalid', { field: 'file', key: 'cpd_error_csv_empty' });
	const missing = CSV_COLUMNS.filter((c) => !(c in records[0]!.record));
	if (missing.length) return { ok: false, problem: { kind: 'invalid', field: 'file', key: 'cpd_error_columns' }, rows: [{ line: 1, column: missing.join(', '), key: 'cpd_error_columns' }] };
	if (records.length > CSV_MAX_ROWS) return problem('too_large', { field: 'file', key: 'cpd_error_file_large' });
	const errors: RowError[] = [];
	const values: (typeof cpdEntry.$inferInsert)[] = [];
	for (const { record, info } of records) {
		const parsed = row.safeParse(record);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) errors.push({ line: info.lines, column: String(issue.path[0] ?? ''), key: /^[a-z_]+$/.test(issue.message) ? issue.message : 'error_invalid' });
			continue;
		}
		const d = parsed.data;
		if (d.end_date && d.end_date < d.start_date) {
			errors.push({ line: info.lines, column: 'end_date', key: 'cpd_error_dates' });
			continue;
		}
		values.push({
			userId: actor.id,
			title: d.title,
			type: d.type,
			startsOn: d.start_date,
			endsOn: d.end_date,
			quarters: toQuarters(d.hours)!,
			provider: d.provider,
			competenceAreas: d.competence_areas,
			reflection: d.reflection,
			status: 'confirmed'
		});
	}
	if (errors.length) return { ok: false, problem: { kind: 'invalid', field: 'file', key: 'cpd_error_rows' }, rows: errors.slice(0, 100) };
	await db.transaction(async (tx) => {
		for (let i = 0; i < values.length; i += 500) await tx.insert(cpdEntry).values(values.slice(i, i + 500));
	});
	return ok({ added: values.length });
}

