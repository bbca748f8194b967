import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import type { PracticeFields, PracticeTranslation, PracticeTranslations } from '../db/schema/practices.ts';

// A practice's words in the reader's language: each part (title, summary, a field's free text)
// translated where it is, else in the language the practice was written in, with its language,
// so the page can set `lang` and mark what is not translated.

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

/** How much of a practice is translated into a language. */
export type Coverage = { locale: AppLocale; done: number; total: number };

/** Each platform language but the source's, with how many of the practice's parts are translated into it. */
export function coverageOf(row: { locale: string; summary: string; fields: PracticeFields; translations: PracticeTranslations }): Coverage[] {
	const keys = translatableKeys(row);
	return LOCALES.filter((l) => l !== row.locale).map((locale) => ({ locale, done: keys.filter((k) => translatedText(row.translations[locale], k)).length, total: keys.length }));
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
