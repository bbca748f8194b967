import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales.ts';

type Message = string | { match: Record<string, string> }[];
// The message files of each locale, as listed in the inlang project settings.
const settings = JSON.parse(fs.readFileSync(path.resolve('project.inlang/settings.json'), 'utf8'));
const patterns: string[] = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
const files = (locale: string) => patterns.map((p) => path.resolve(p.replace('{locale}', locale)));
const load = (locale: string): Record<string, Message> =>
	Object.assign({}, ...files(locale).map((file) => JSON.parse(fs.readFileSync(file, 'utf8'))));
const all = Object.fromEntries(LOCALES.map((locale) => [locale, load(locale)]));
const keys = (locale: string) => Object.keys(all[locale]!).filter((k) => k !== '$schema');

// Words that are the same in every language on purpose.
const SAME_EVERYWHERE = new Set(['site_name', 'role_admin']);

describe('UI messages', () => {
	it('defines each key in one file only', () => {
		const seen = new Map<string, string>();
		const twice: string[] = [];
		for (const file of files('en')) {
			for (const key of Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')))) {
				if (key !== '$schema' && seen.has(key)) twice.push(key);
				seen.set(key, file);
			}
		}
		expect(twice).toEqual([]);
	});

	it.each(LOCALES)('%s has every key that any locale has', (locale) => {
		const union = new Set(LOCALES.flatMap(keys));
		const missing = [...union].filter((key) => !(key in all[locale]!));
		expect(missing).toEqual([]);
	});

	it.each(LOCALES.filter((l) => l !== 'en'))('%s is translated, not an English copy', (locale) => {
		const copies = keys('en').filter(
			(key) =>
				!SAME_EVERYWHERE.has(key) &&
				typeof all.en![key] === 'string' &&
				(all.en![key] as string).length > 12 &&
				all[locale]![key] === all.en![key]
		);
		expect(copies).toEqual([]);
	});

	it.each(LOCALES)('%s keeps the placeholders of the English text', (locale) => {
		const placeholders = (value: Message | undefined) =>
			JSON.stringify(value).match(/\{[a-z]+\}/g)?.filter((p, i, a) => a.indexOf(p) === i).sort() ?? [];
		const wrong = keys('en').filter(
			(key) => JSON.stringify(placeholders(all.en![key])) !== JSON.stringify(placeholders(all[locale]![key]))
		);
		expect(wrong).toEqual([]);
	});

	it.each(LOCALES)('%s gives every plural category its language needs', (locale) => {
		const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
		for (const key of keys(locale)) {
			const value = all[locale]![key];
			if (typeof value === 'string' || !value) continue;
			const categories = Object.keys(value[0]!.match).map((k) => k.split('=')[1]);
			for (const category of needed) expect(categories, `${locale}.${key}`).toContain(category);
		}
	});
});
