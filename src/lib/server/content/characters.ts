// One name per person: `content/characters.yaml` lists every named person in a case, card,
// resource or lesson example, with the item they belong to and the forms their name takes in the
// five languages (spellings and declensions). `npm run content:check` fails when one of those forms
// appears in another item (a second person with the same name, as when "Marek" was three people),
// when two people share a name, or when a language version of the item calls the person something
// else (no form of the name in it).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { ContentError } from './errors.ts';

const person = z.strictObject({
	name: z.string().trim().min(1),
	/** A lesson folder (`courses/<course>/<module>/<lesson>`) or a YAML file (`cards/situations/x.yaml`). */
	item: z.string().trim().min(1),
	/** Other spellings and the declined forms the item's language versions use ("Marka", "Sára"). */
	forms: z.array(z.string().trim().min(1)).default([]),
	/** Phrases in which a form names someone else, such as an author ("Marka Savickase"). */
	except: z.array(z.string().trim().min(1)).default([])
});
export const charactersFile = z.strictObject({ people: z.array(person).min(1) });
export type Characters = z.output<typeof charactersFile>;
export type CharacterProblem = { file: string; field: string; reason: string };

/** Reads and validates `content/characters.yaml`. */
export function readCharacters(contentDir: string): Characters {
	const file = path.join(contentDir, 'characters.yaml');
	if (!fs.existsSync(file)) throw new ContentError('characters.yaml', '', 'is missing');
	const result = charactersFile.safeParse(parse(fs.readFileSync(file, 'utf8')));
	if (!result.success) throw ContentError.fromZod('characters.yaml', result.error);
	return result.data;
}

/** Every form of a person's name as one case-sensitive whole-word pattern. */
export function namePattern(p: { name: string; forms: string[] }): RegExp {
	const forms = [...new Set([p.name, ...p.forms])].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

/** The item a content file belongs to: a lesson's folder for its language files, else the file. */
export function itemOf(relative: string): string {
	return /^courses\/.+\/[a-z]{2}\.md$/.test(relative) ? path.posix.dirname(relative) : relative;
}

/** Every Markdown and YAML text file under content/, relative to it, except characters.yaml. */
function contentFiles(contentDir: string): string[] {
	return fs
		.readdirSync(contentDir, { withFileTypes: true, recursive: true })
		.filter((d) => d.isFile() && /\.(md|yaml)$/.test(d.name))
		.map((d) => path.relative(contentDir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
		.filter((f) => f !== 'characters.yaml' && f !== 'termbase.yaml' && !/(^|\/)FORMAT\.md$/.test(f) && !/(^|\/)README\.md$/.test(f))
		.sort();
}

/** The language versions of an item as texts: a lesson's `<locale>.md` files, or a YAML file's `translations` maps. */
function languageVersions(contentDir: string, item: string): { where: string; locale: string; text: string }[] {
	const full = path.join(contentDir, item);
	if (fs.existsSync(full) && fs.statSync(full).isDirectory())
		return LOCALES.filter((l) => fs.existsSync(path.join(full, `${l}.md`))).map((l) => ({ where: `${item}/${l}.md`, locale: l, text: fs.readFileSync(path.join(full, `${l}.md`), 'utf8') }));
	const versions: { where: string; locale: string; text: string }[] = [];
	const walk = (value: unknown, at: string) => {
		if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}.${i}`));
		else if (value && typeof value === 'object')
			for (const [k, v] of Object.entries(value)) {
				const here = at ? `${at}.${k}` : k;
				if (k === 'translations' && v && typeof v === 'object' && !Array.isArray(v)) {
					for (const [locale, texts] of Object.entries(v)) if ((LOCALES as readonly string[]).includes(locale)) versions.push({ where: `${item}: ${here}.${locale}`, locale, text: JSON.stringify(texts) });
				} else walk(v, here);
			}
	};
	walk(parse(fs.readFileSync(full, 'utf8')), '');
	return versions;
}

/** Names used for more than one person, people missing from a language version, items that do not exist. */
export function characterProblems(characters: Characters, contentDir: string): CharacterProblem[] {
	const problems: CharacterProblem[] = [];
	const owners = new Map<string, string>();
	for (const p of characters.people)
		for (const form of new Set([p.name, ...p.forms])) {
			const other = owners.get(form);
			if (other && other !== p.item) problems.push({ file: 'characters.yaml', field: p.name, reason: `"${form}" is also the name of the person in ${other}` });
			owners.set(form, p.item);
		}
	const files = contentFiles(contentDir).map((f) => ({ file: f, item: itemOf(f), text: fs.readFileSync(path.join(contentDir, f), 'utf8') }));
	for (const p of characters.people) {
		if (!fs.existsSync(path.join(contentDir, p.item))) {
			problems.push({ file: 'characters.yaml', field: p.name, reason: `the item ${p.item} does not exist` });
			continue;
		}
		const pattern = namePattern(p);
		for (const f of files)
			if (f.item !== p.item) {
				let text = f.text;
				for (const phrase of p.except) text = text.replaceAll(phrase, ' '.repeat(phrase.length));
				const found = text.match(pattern);
				if (found) problems.push({ file: f.file, field: '', reason: `"${found[0]}" is ${p.name} of ${p.item} (content/characters.yaml); give this person another name` });
			}
		const versions = languageVersions(contentDir, p.item);
		const naming = versions.filter((v) => pattern.test(v.text));
		if (!naming.length) problems.push({ file: p.item, field: '', reason: `no language version names ${p.name} (content/characters.yaml)` });
		// Which translation maps mention the person: those whose English text does, or all when none is English.
		const groups = new Map<string, typeof versions>();
		for (const v of versions) {
			const key = v.where.replace(/\.[a-z]{2}$|\/[a-z]{2}\.md$/, '');
			groups.set(key, [...(groups.get(key) ?? []), v]);
		}
		for (const group of groups.values()) {
			const en = group.find((v) => v.locale === 'en');
			if (!en || !pattern.test(en.text)) continue;
			for (const v of group) if (!pattern.test(v.text)) problems.push({ file: v.where, field: '', reason: `the ${v.locale} version does not call ${p.name} by a listed form of the name (the same person has the same name in every language)` });
		}
	}
	return problems;
}
