import { createHash } from 'node:crypto';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import type { PracticeFields, PracticeTranslation, PracticeTranslations } from '../db/schema/practices.ts';

// A practice's words in the reader's language: each part (title, summary, a field's free text)
// translated where it is, else in the language the practice was written in, with its language,
// so the page can set `lang` and mark what is not translated. Each translated part keeps a mark of
// the source text it was made from, so a part whose source has changed since shows as out of date.

/** The parts of a practice there is something to translate: 'title', 'summary' and the keys of the fields with text. */
export function translatableKeys(row: { summary: string; fields: PracticeFields }, order?: string[]): string[] {
	const withText = Object.keys(row.fields).filter((key) => row.fields[key]?.text);
	if (order) withText.sort((a, b) => order.indexOf(a) - order.indexOf(b));
	return ['title', ...(row.summary ? ['summary'] : []), ...withText];
}

/** A part's text in one translation ('' when not translated). */
export function translatedText(t: PracticeTranslation | undefined, key: string): string {
	if (!t) return '';
	if (key === 'title') return t.title ?? '';
	if (key === 'summary') return t.summary ?? '';
	return t.fields?.[key] ?? '';
}

type Source = { title: string; summary: string; fields: PracticeFields };

/** A part's text in the source language. */
export const sourceText = (row: Source, key: string): string => (key === 'title' ? row.title : key === 'summary' ? row.summary : (row.fields[key]?.text ?? ''));

/** A short mark of a source text: a translation keeps the marks of what it was made from. */
const mark = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 12);

/** `t` with the marks of the source texts its parts are translated from now (the translator has seen them). */
export function withSources(row: Source, t: PracticeTranslation): PracticeTranslation {
	const words = wordsOf(t);
	const keys = ['title', 'summary', ...Object.keys(words.fields ?? {})].filter((key) => translatedText(words, key));
	return keys.length ? { ...words, sources: Object.fromEntries(keys.map((key) => [key, mark(sourceText(row, key))])) } : words;
}

/** The translated parts of `t` whose source text has changed since they were translated. */
export function outdatedKeys(row: Source, t: PracticeTranslation | undefined): string[] {
	const sources = t?.sources;
	if (!sources) return [];
	return translatableKeys(row).filter((key) => translatedText(t, key) && sources[key] && sources[key] !== mark(sourceText(row, key)));
}

/** A translation without its source marks (for those who read it elsewhere: the open API). */
export function wordsOf(t: PracticeTranslation): PracticeTranslation {
	const { sources: _sources, ...words } = t;
	return words;
}

/** How much of a practice is translated into a language, and how much of that is out of date. */
export type Coverage = { locale: AppLocale; done: number; total: number; outdated: number };

/** Each platform language but the source's, with how many of the practice's parts are translated into it. */
export function coverageOf(row: Source & { locale: string; translations: PracticeTranslations }): Coverage[] {
	const keys = translatableKeys(row);
	return LOCALES.filter((l) => l !== row.locale).map((locale) => ({
		locale,
		done: keys.filter((k) => translatedText(row.translations[locale], k)).length,
		total: keys.length,
		outdated: outdatedKeys(row, row.translations[locale]).length
	}));
}


type Worded = { title: string; summary: string; locale: string; translations: PracticeTranslations };

/** The title and summary in the reader's language where translated, else the source's, each with its language. */
export function wordingOf(row: Worded, locale: AppLocale): { title: string; summary: string; lang: string; summaryLang: string } {
	const t = row.translations[locale];
	return {
		title: t?.title || row.title,
		summary: t?.summary || row.summary,
		lang: t?.title ? locale : row.locale,
		summaryLang: t?.summary ? locale : row.locale
	};
}

/** Each field's free text in the reader's language where translated, else the source's, with its language. */
export function fieldTextsOf(row: Worded & { fields: PracticeFields }, locale: AppLocale): Record<string, { text: string; lang: string }> {
	const t = row.translations[locale];
	const texts: Record<string, { text: string; lang: string }> = {};
	for (const [key, value] of Object.entries(row.fields)) {
		if (!value.text) continue;
		const translated = row.locale === locale ? '' : (t?.fields?.[key] ?? '');
		texts[key] = translated ? { text: translated, lang: locale } : { text: value.text, lang: row.locale };
	}
	return texts;
}
