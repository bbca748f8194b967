import { eq, sql } from 'drizzle-orm';
import { isAppLocale, type AppLocale } from '../../i18n/locales.ts';
import { FIELD_TEXT_MAX, SUMMARY_MAX, TITLE_MAX } from '../../practices/options.ts';
import type { DbOrTx } from '../db/client.ts';
import { practice, practiceRevision, type PracticeTranslation, type PracticeTranslations } from '../db/schema/practices.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { asSeen } from './service.ts';
import { coverageOf, outdatedKeys, sourceText, translatableKeys, translatedText, withSources, type Coverage } from './wording.ts';
import { allFields, practiceTemplate, type PracticeTemplate } from './template.ts';
import { CONTROL, CONTROL_IN_TEXT } from './validate.ts';

// A practice translated part by part: its title, its summary and the free text of each template
// field it has, into any platform language but the one it was written in. Whatever is not
// translated is shown in the source language and marked so. Whoever may edit the practice may
// translate it (the same rule, policies/practices.ts); a translation saved into a submitted or
// published practice keeps what it was as a revision, like any other save; an autosave is for
// drafts only, as with the practice form.

const notFound = () => problem('not_found');

type Row = typeof practice.$inferSelect;

/** A translation as sent: every value a string (a form, an autosave, a test). */
export type TranslationDraft = { title: string; summary: string; fields: Record<string, string> };

/** Reads the translation form: `locale`, `title`, `summary` and `text:<field>`. */
export function translationFromForm(form: FormData): { locale: string; draft: TranslationDraft } {
	const one = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const fields: Record<string, string> = {};
	for (const [name, value] of form) if (typeof value === 'string' && name.startsWith('text:')) fields[name.slice(5)] = value;
	return { locale: one('locale'), draft: { title: one('title'), summary: one('summary'), fields } };
}

/** Checks a translation against the template: unknown fields, oversize text, control characters. Empty parts are left out. */
export function checkTranslation(template: PracticeTemplate, draft: TranslationDraft): { ok: true; value: PracticeTranslation } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const value: PracticeTranslation = {};
	const title = draft.title.trim();
	if (title.length > TITLE_MAX) errors.title = 'error_too_long';
	else if (CONTROL.test(title)) errors.title = 'error_invalid';
	else if (title) value.title = title;
	const summary = draft.summary.trim();
	if (summary.length > SUMMARY_MAX) errors.summary = 'error_too_long';
	else if (CONTROL_IN_TEXT.test(summary)) errors.summary = 'error_invalid';
	else if (summary) value.summary = summary;
	const known = new Set(allFields(template.sections).map((f) => f.key));
	const fields: Record<string, string> = {};
	for (const [key, raw] of Object.entries(draft.fields)) {
		if (!known.has(key)) {
			errors.form = 'practices_error_field';
			continue;
		}
		const text = raw.trim();
		if (text.length > FIELD_TEXT_MAX) errors[`text:${key}`] = 'error_too_long';
		else if (CONTROL_IN_TEXT.test(text)) errors[`text:${key}`] = 'error_invalid';
		else if (text) fields[key] = text;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	// In the template's order, so two saves of the same words store the same JSON.
	const order = allFields(template.sections).map((f) => f.key);
	const sorted = Object.keys(fields).sort((a, b) => order.indexOf(a) - order.indexOf(b));
	if (sorted.length) value.fields = Object.fromEntries(sorted.map((k) => [k, fields[k]!]));
	return { ok: true, value };
}

const mayEdit = async (db: DbOrTx, actor: Actor, row: Row) => can(actor, 'practice:edit', await asSeen(db, actor, row));

/** One part of the translation form: the source text beside the translation. */
export type TranslationPart = {
	/** 'title', 'summary' or a template field's key. */
	key: string;
	/** The form field's name. */
	name: string;
	/** A template field's name and its language (title and summary are named by the page). */
	field: { title: string; lang: string } | null;
	source: string;
	translation: string;
	/** Translated from a source text that has changed since. */
	outdated: boolean;
	max: number;
};

export type PracticeForTranslation = {
	id: string;
	status: string;
	/** The title in the source language. */
	title: string;
	sourceLocale: string;
	coverage: Coverage[];
	/** The language being translated into (null: none chosen yet). */
	target: AppLocale | null;
	parts: TranslationPart[];
};

/** The practice's source text beside its translation into `target`, for those who may edit it. */
export async function practiceForTranslation(db: DbOrTx, actor: Actor, id: string, target: string | null, locale: AppLocale): Promise<Result<PracticeForTranslation>> {
	if (!isUuid(id)) return notFound();
	const [row] = await db.select().from(practice).where(eq(practice.id, id));
	if (!row || !(await mayEdit(db, actor, row))) return notFound();
	if (target !== null && (!isAppLocale(target) || target === row.locale)) return problem('invalid', { key: 'practices_translate_error_locale' });
	const template = await practiceTemplate(db, locale);
	if (!template) return problem('conflict', { key: 'practices_error_no_template' });
	const fields = new Map(allFields(template.sections).map((f) => [f.key, f]));
	const translation = target ? row.translations[target] : undefined;
	const outdated = new Set(outdatedKeys(row, translation));
	const parts = translatableKeys(row, [...fields.keys()]).map((key): TranslationPart => {
		const field = fields.get(key);
		const isField = key !== 'title' && key !== 'summary';
		return {
			key,
			name: isField ? `text:${key}` : key,
			field: isField ? { title: field?.title ?? key, lang: field?.lang ?? 'en' } : null,
			source: sourceText(row, key),
			translation: translatedText(translation, key),
			outdated: outdated.has(key),
			max: key === 'title' ? TITLE_MAX : key === 'summary' ? SUMMARY_MAX : FIELD_TEXT_MAX
		};
	});
	return ok({ id: row.id, status: row.status, title: row.title, sourceLocale: row.locale, coverage: coverageOf(row), target: (target as AppLocale | null) ?? null, parts });
}

const same = (a: PracticeTranslation | undefined, b: PracticeTranslation) => JSON.stringify(a ?? {}) === JSON.stringify(b);

/**
 * Saves a practice's translation into one language (what is left empty is not translated). An
 * autosave is taken for drafts only: a submitted or published practice changes when its form is
 * sent, and keeps what it was as a revision.
 */
export async function saveTranslation(
	db: DbOrTx,
	actor: Actor,
	id: string,
	target: string,
	draft: TranslationDraft,
	locale: AppLocale,
	options: { autosave?: boolean } = {}
): Promise<Result> {
	if (!isUuid(id)) return notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(practice).where(eq(practice.id, id)).for('update');
		if (!row || !(await mayEdit(tx, actor, row))) return notFound();
		if (!isAppLocale(target) || target === row.locale) return problem('invalid', { field: 'locale', key: 'practices_translate_error_locale' });
		if (options.autosave && row.status !== 'draft') return problem('conflict', { key: 'practices_error_state' });
		const template = await practiceTemplate(tx, locale);
		if (!template) return problem('conflict', { key: 'practices_error_no_template' });
		const checked = checkTranslation(template, draft);
		if (!checked.ok) {
			const [field, key] = Object.entries(checked.errors)[0]!;
			return problem('invalid', { field, key });
		}
		// Saved, each part is up to date with the source the translator had beside it.
		const value = withSources(row, checked.value);
		if (same(row.translations[target], value)) return ok();
		const translations: PracticeTranslations = { ...row.translations };
		if (Object.keys(checked.value).length) translations[target] = value;
		else delete translations[target];
		if (row.status !== 'draft')
			await tx.insert(practiceRevision).values({ practiceId: id, status: row.status, title: row.title, summary: row.summary, fields: row.fields, translations: row.translations, editorId: actor!.id });
		await tx.update(practice).set({ translations, editedInPlatform: true, updatedAt: sql`now()` }).where(eq(practice.id, id));
		if (row.status === 'published') await requestSearchIndex(tx, 'practice', id);
		return ok();
	});
}
