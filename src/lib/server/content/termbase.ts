// One term per concept, per language: `content/termbase.yaml` names, for each concept, the term a
// language uses and the variants it rejects. `npm run content:check` reports every rejected variant
// in the UI strings (messages/), the glossary, the frameworks and the courses.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { ContentError } from './errors.ts';

const entry = z.strictObject({
	preferred: z.string().trim().min(1),
	/** Variants this language does not use for the concept. `*` stands for any word ending. */
	rejected: z.array(z.string().trim().min(1)).default([]),
	/** Phrases that contain a rejected variant but are right where they stand (quoted law, names). */
	except: z.array(z.string().trim().min(1)).default([])
});
const concept = z.strictObject({
	key: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
	note: z.string().default(''),
	/** Abbreviations of the concept ("CMS"): search finds the preferred terms when one is typed. */
	acronyms: z.array(z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/)).default([]),
	...Object.fromEntries(LOCALES.map((l) => [l, entry.optional()])) as Record<AppLocale, z.ZodOptional<typeof entry>>
});
export const termbaseFile = z.strictObject({ concepts: z.array(concept).min(1) });
export type Termbase = z.output<typeof termbaseFile>;

/** Reads and validates `content/termbase.yaml`. */
export function readTermbase(contentDir: string): Termbase {
	const file = path.join(contentDir, 'termbase.yaml');
	if (!fs.existsSync(file)) throw new ContentError('termbase.yaml', '', 'is missing');
	const result = termbaseFile.safeParse(parse(fs.readFileSync(file, 'utf8')));
	if (!result.success) throw ContentError.fromZod('termbase.yaml', result.error);
	return result.data;
}

/**
 * What each acronym stands for: the concept's preferred term in every language, without the
 * acronym itself in brackets ("continuing professional development (CPD)" → "continuing
 * professional development").
 */
export function acronymsOf(termbase: Termbase): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const c of termbase.concepts) {
		const phrases = [...new Set(LOCALES.flatMap((l) => (c[l] ? [c[l].preferred.replace(/\s*\([^)]*\)\s*$/, '')] : [])))];
		for (const acronym of c.acronyms) map.set(acronym, [...(map.get(acronym) ?? []), ...phrases]);
	}
	return map;
}

/** A variant as a case-insensitive whole-word pattern; `*` matches the rest of a word (inflections). */
export function variantPattern(variant: string): RegExp {
	const body = variant
		.split('*')
		.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
		.join('\\p{L}*');
	return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/** One text in one language and where it comes from. */
export type TermText = { locale: AppLocale; file: string; where: string; text: string };

/** The rejected variants a text uses: one finding per variant and place. */
export function findRejected(termbase: Termbase, t: TermText): { concept: string; variant: string; preferred: string }[] {
	const found: { concept: string; variant: string; preferred: string }[] = [];
	for (const c of termbase.concepts) {
		const e = c[t.locale];
		if (!e) continue;
		let text = t.text;
		for (const phrase of e.except) text = text.replace(variantPattern(phrase), (m) => ' '.repeat(m.length));
		for (const variant of e.rejected) if (variantPattern(variant).test(text)) found.push({ concept: c.key, variant, preferred: e.preferred });
	}
	return found;
}

function* stringsIn(value: unknown, where: string): Generator<[string, string]> {
	if (typeof value === 'string') yield [where, value];
	else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, `${where}.${i}`);
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringsIn(v, where ? `${where}.${k}` : k);
}

/** Every `translations.<locale>` text of a YAML content file, however deep. */
function* translatedTexts(value: unknown, file: string, where = ''): Generator<TermText> {
	if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* translatedTexts(v, file, `${where}.${i}`);
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			const at = where ? `${where}.${k}` : k;
			if (k === 'translations' && v && typeof v === 'object') {
				for (const [locale, texts] of Object.entries(v))
					if ((LOCALES as readonly string[]).includes(locale)) for (const [w, text] of stringsIn(texts, `${at}.${locale}`)) yield { locale: locale as AppLocale, file, where: w, text };
			} else yield* translatedTexts(v, file, at);
		}
}

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((d) => d.isFile() && test(d.name))
		.map((d) => path.join(d.parentPath, d.name))
		.sort();
}

/** Every text the termbase applies to: UI strings, glossary, frameworks, courses and lessons. */
export function* termTexts(dirs: { contentDir: string; messagesDir: string }): Generator<TermText> {
	for (const full of filesUnder(dirs.messagesDir, (n) => /^[a-z]{2}\.json$/.test(n))) {
		const locale = path.basename(full, '.json');
		if (!(LOCALES as readonly string[]).includes(locale)) continue;
		const file = path.relative(path.dirname(dirs.messagesDir), full);
		for (const [where, text] of stringsIn(JSON.parse(fs.readFileSync(full, 'utf8')), '')) if (!where.startsWith('$')) yield { locale: locale as AppLocale, file, where, text };
	}
	for (const full of filesUnder(dirs.contentDir, (n) => n.endsWith('.yaml') && n !== 'termbase.yaml')) {
		yield* translatedTexts(parse(fs.readFileSync(full, 'utf8')), path.relative(dirs.contentDir, full));
	}
	for (const full of filesUnder(path.join(dirs.contentDir, 'courses'), (n) => /^[a-z]{2}\.md$/.test(n))) {
		const locale = path.basename(full, '.md');
		if (!(LOCALES as readonly string[]).includes(locale)) continue;
		const lines = fs.readFileSync(full, 'utf8').split('\n');
		for (const [i, text] of lines.entries()) yield { locale: locale as AppLocale, file: path.relative(dirs.contentDir, full), where: `line ${i + 1}`, text };
	}
}

/** Every use of a rejected variant, as problems to print. */
export function termbaseProblems(termbase: Termbase, dirs: { contentDir: string; messagesDir: string }): { file: string; field: string; reason: string }[] {
	const problems: { file: string; field: string; reason: string }[] = [];
	for (const t of termTexts(dirs))
		for (const f of findRejected(termbase, t))
			problems.push({ file: t.file, field: t.where, reason: `${t.locale} uses "${f.variant}" for ${f.concept}; the termbase term is "${f.preferred}"` });
	return problems;
}
