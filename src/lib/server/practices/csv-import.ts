import { parse } from 'csv-parse/sync';
import { eq, inArray, sql } from 'drizzle-orm';
import { LOCALES } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { practice, practiceRevision } from '../db/schema/practices.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { csvColumns } from './csv.ts';
import { allFields, practiceTemplate } from './template.ts';
import { checkPractice, type PracticeDraft, type PracticeInput } from './validate.ts';

// Editors import practices from a CSV in the export's format (the export is the template to fill
// in). Every row is checked against the mapping template first, exactly as the form checks it;
// any bad row is reported (its row number as a spreadsheet shows it — the header is row 1 — the
// column and a message key) and nothing is saved. A good file is saved in one transaction: a row
// without an id is a new published practice that the editors look after; a row with the id of a
// practice the editor may change updates it (keeping a revision, like any save of a published
// record). Export-only columns (url, organisation, example, template, published_at) are ignored.

export const IMPORT_MAX_BYTES = 500 * 1024;
export const IMPORT_MAX_ROWS = 2000;
const REQUIRED = ['title', 'country', 'sector', 'licence'];

export type ImportRowError = { row: number; column: string; key: string };
export type ImportOutcome = { created: number; updated: number; errors: ImportRowError[] };

/** The column of the file a refused field of `checkPractice` came from. */
function columnOf(field: string): string {
	if (field === 'startYear') return 'start_year';
	if (field.startsWith('text:')) return `${field.slice(5)}:text`;
	if (field.startsWith('options:')) return `${field.slice(8)}:options`;
	return field;
}

const split = (value: string | undefined) => (value ?? '').split('|').map((v) => v.trim()).filter(Boolean);
const refused = (errors: ImportRowError[]) => ok({ created: 0, updated: 0, errors });

/** Checks a CSV file of practices and, if every row is good, saves all of them (editors only). */
export async function importPracticesCsv(db: DbOrTx, actor: Actor, text: string): Promise<Result<ImportOutcome>> {
	if (!actor || !can(actor, 'practice:import')) return problem('not_found');
	if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) return problem('too_large', { field: 'file', key: 'practices_import_error_too_large' });
	const template = await practiceTemplate(db, 'en');
	if (!template) return problem('conflict', { key: 'practices_error_no_template' });

	let records: string[][];
	try {
		records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
	} catch (e) {
		// csv-parse counts records read; the header is row 1.
		const row = Number((e as { records?: number }).records ?? 0) + 1;
		return refused([{ row, column: '', key: 'practices_import_error_csv' }]);
	}
	const [header = [], ...rows] = records;
	if (!rows.length) return refused([{ row: 1, column: '', key: 'practices_import_error_empty' }]);
	if (rows.length > IMPORT_MAX_ROWS) return problem('too_large', { field: 'file', key: 'practices_import_error_too_many' });
	const known = new Set(csvColumns(template));
	const columns = header.map((h) => h.trim());
	const headerErrors: ImportRowError[] = [];
	const seen = new Set<string>();
	for (const column of columns) {
		if (!known.has(column)) headerErrors.push({ row: 1, column, key: 'practices_import_error_column' });
		else if (seen.has(column)) headerErrors.push({ row: 1, column, key: 'practices_import_error_duplicate_column' });
		seen.add(column);
	}
	for (const column of REQUIRED) if (!seen.has(column)) headerErrors.push({ row: 1, column, key: 'practices_import_error_missing_column' });
	if (headerErrors.length) return refused(headerErrors);

	const fields = allFields(template.sections);
	const ids = rows.map((r) => (r[columns.indexOf('id')] ?? '').trim());
	const existing = ids.filter(isUuid).length
		? await db
				.select({ id: practice.id, status: practice.status, ownerId: practice.ownerId, organisationId: practice.organisationId, title: practice.title, summary: practice.summary, fields: practice.fields })
				.from(practice)
				.where(inArray(practice.id, ids.filter(isUuid)))
		: [];
	const byId = new Map(existing.map((p) => [p.id, p]));

	const errors: ImportRowError[] = [];
	const creates: (PracticeInput & { locale: string })[] = [];
	const updates: { id: string; value: PracticeInput & { locale: string } }[] = [];
	const idsSeen = new Set<string>();
	rows.forEach((cells, index) => {
		const row = index + 2;
		const cell = (column: string) => {
			const at = columns.indexOf(column);
			return at < 0 ? '' : (cells[at] ?? '');
		};
		const id = ids[index]!;
		if (id) {
			const found = isUuid(id) ? byId.get(id) : undefined;
			// An editor changes what has left its owners' hands or what nobody owns (policies/practices.ts).
			const seen = found && { status: found.status, ownerId: found.ownerId, organisationOwned: found.organisationId !== null, role: null };
			if (!seen || !can(actor, 'practice:edit', seen)) errors.push({ row, column: 'id', key: 'practices_import_error_id' });
			else if (idsSeen.has(id)) errors.push({ row, column: 'id', key: 'practices_import_error_id_twice' });
			idsSeen.add(id);
		}
		const language = cell('language').trim() || 'en';
		if (!(LOCALES as readonly string[]).includes(language)) errors.push({ row, column: 'language', key: 'practices_error_option' });
		const draft: PracticeDraft = {
			title: cell('title'),
			summary: cell('summary'),
			country: cell('country').trim(),
			region: cell('region'),
			sector: cell('sector').trim(),
			languages: split(cell('languages')),
			startYear: cell('start_year'),
			licence: cell('licence').trim(),
			channels: split(cell('channels')),
			fields: Object.fromEntries(
				fields.flatMap((f) => {
					const value: { text?: string; options?: string[] } = {};
					if (seenColumn(columns, `${f.key}:text`)) value.text = cell(`${f.key}:text`);
					if (seenColumn(columns, `${f.key}:options`)) value.options = split(cell(`${f.key}:options`));
					return value.text !== undefined || value.options ? [[f.key, value]] : [];
				})
			)
		};
		const checked = checkPractice(template, draft);
		if (!checked.ok) for (const [field, key] of Object.entries(checked.errors)) errors.push({ row, column: columnOf(field), key });
		else if (id) updates.push({ id, value: { ...checked.value, locale: language } });
		else creates.push({ ...checked.value, locale: language });
	});
	if (errors.length) return refused(errors);

	return db.transaction(async (tx) => {
		const created: string[] = [];
		for (let i = 0; i < creates.length; i += 200) {
			const batch = creates.slice(i, i + 200).map((value) => ({
				...value,
				status: 'published',
				organisationId: null,
				ownerId: null,
				frameworkVersionId: template.versionId,
				editedInPlatform: true,
				publishedAt: sql`now()`
			}));
			created.push(...(await tx.insert(practice).values(batch).returning({ id: practice.id })).map((r) => r.id));
		}
		for (const { id, value } of updates) {
			const was = byId.get(id)!;
			if (was.status !== 'draft') await tx.insert(practiceRevision).values({ practiceId: id, status: was.status, title: was.title, summary: was.summary, fields: was.fields, editorId: actor.id });
			await tx
				.update(practice)
				.set({ ...value, editedInPlatform: true, updatedAt: sql`now()` })
				.where(eq(practice.id, id));
		}
		for (const id of [...created, ...updates.map((u) => u.id)]) await requestSearchIndex(tx, 'practice', id);
		return ok({ created: created.length, updated: updates.length, errors: [] });
	});
}

const seenColumn = (columns: string[], column: string) => columns.includes(column);
