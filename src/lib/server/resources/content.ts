import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { ContentError } from '../content/errors.ts';
import { SLUG } from '../forms/index.ts';
import { BODY_MAX, BUTTONS, CAREER_FRAMEWORK, CAREER_KINDS, LANGUAGES, LIBRARY_KINDS, QUALITY_AREAS, SECTORS, SETTINGS, SUMMARY_MAX, TARGETS, TITLE_MAX, type Button, type ResourceKind } from './vocabulary.ts';

// The shape of content/resources/ (agreed in resources-format.md): one file per career button in
// career-learning/<button>.yaml (starters, activities, reflection items, the platform's own
// writing, each linked to the learning outcomes it serves) and library.yaml (the quality
// laboratory). English is required; the other languages are expected and shown as missing when not.

const line = (max: number) => z.string({ error: 'is required' }).trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const oneOrMore = <T extends readonly [string, ...string[]]>(values: T) =>
	z.array(z.enum(values, { error: `must be one of ${values.join(', ')}` }), { error: 'must be a list' }).min(1, 'must name at least one');
const slug = z.string({ error: 'is required' }).regex(SLUG, 'must be a slug of lowercase letters, digits and hyphens');

const wording = z.strictObject({ title: line(TITLE_MAX), summary: line(SUMMARY_MAX), body: line(BODY_MAX) });
const translations = z
	.strictObject(Object.fromEntries(LOCALES.map((l) => [l, wording.optional()])) as Record<AppLocale, z.ZodOptional<typeof wording>>, { error: `must have languages among ${LOCALES.join(', ')}` })
	.refine((t) => t[BASE_LOCALE] !== undefined, { message: `must include ${BASE_LOCALE}`, path: [BASE_LOCALE] });

export const careerFile = z.strictObject({
	button: z.enum(BUTTONS, { error: `must be one of ${BUTTONS.join(', ')}` }),
	items: z
		.array(
			z.strictObject({
				slug,
				kind: z.enum(CAREER_KINDS, { error: `must be one of ${CAREER_KINDS.join(', ')}` }),
				settings: oneOrMore(SETTINGS),
				duration: z.number({ error: 'must be a number of minutes' }).int('must be whole minutes').min(1, 'must be at least 1').max(600, 'must be at most 600'),
				targets: oneOrMore(TARGETS),
				outcomes: z.array(slug, { error: 'must be a list' }).min(1, 'must name at least one learning outcome'),
				translations
			})
		)
		.min(1, 'must have at least one item')
});

export const libraryFile = z.strictObject({
	items: z
		.array(
			z.strictObject({
				slug,
				kind: z.enum(LIBRARY_KINDS, { error: `must be one of ${LIBRARY_KINDS.join(', ')}` }),
				url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).optional(),
				publisher: line(200),
				licence: line(200),
				year: z.number().int().min(1900, 'is not a year').max(2100, 'is not a year').optional(),
				sectors: oneOrMore(SECTORS),
				quality_areas: oneOrMore(QUALITY_AREAS).optional(),
				languages: oneOrMore(LANGUAGES),
				captions: z.boolean().optional(),
				translations
			})
		)
		.min(1, 'must have at least one item')
});

export type Wording = { title: string; summary: string; body: string };

/** One resource as the importer stores it. */
export type ResourceSource = {
	slug: string;
	file: string;
	hash: string;
	kind: ResourceKind;
	sectors: string[];
	targets: string[];
	settings: string[];
	duration: number | null;
	languages: string[];
	licence: string;
	publisher: string;
	url: string | null;
	year: number | null;
	qualityAreas: string[];
	captions: boolean;
	ownWriting: boolean;
	/** Framework nodes: [framework slug, node key]. */
	links: [string, string][];
	wording: Partial<Record<AppLocale, Wording>>;
};

/** The learning-outcome keys under each career button, as the imported framework has them. */
export type ButtonOutcomes = ReadonlyMap<string, ReadonlySet<string>>;

function readYaml<S extends z.ZodType>(dir: string, relative: string, schema: S): { data: z.output<S>; hash: string } {
	const text = fs.readFileSync(path.join(dir, relative), 'utf8');
	let raw: unknown;
	try {
		raw = parse(text);
	} catch (error) {
		throw new ContentError(relative, '', `not valid YAML (${(error as Error).message.split('\n')[0]})`);
	}
	const result = schema.safeParse(raw);
	if (!result.success) throw ContentError.fromZod(relative, result.error);
	return { data: result.data, hash: createHash('sha256').update(JSON.stringify(result.data)).digest('hex') };
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const defined = (t: Partial<Record<AppLocale, Wording | undefined>>) => Object.fromEntries(Object.entries(t).filter(([, w]) => w)) as Partial<Record<AppLocale, Wording>>;

/**
 * Reads and validates every resource under `content/resources/`. Throws a ContentError naming the
 * file and the field: an unknown kind, setting, target, sector or quality area, a file whose name
 * is not its button, a slug used twice or not starting with its button, a learning outcome that
 * is not under the button (`outcomes` from the imported career-learning framework), a missing
 * English text, a text over its length.
 */
export function readResources(contentDir: string, outcomes: ButtonOutcomes): ResourceSource[] {
	const root = path.join(contentDir, 'resources');
	if (!fs.existsSync(root)) return [];
	const sources: ResourceSource[] = [];
	const seen = new Map<string, string>();
	const claim = (slugValue: string, file: string, field: string) => {
		const earlier = seen.get(slugValue);
		if (earlier) throw new ContentError(file, field, `the slug ${slugValue} is already used in ${earlier}`);
		seen.set(slugValue, file);
	};

	const careerDir = path.join(root, 'career-learning');
	const careerNames = fs.existsSync(careerDir) ? fs.readdirSync(careerDir).filter((n) => /\.ya?ml$/.test(n)).sort() : [];
	for (const name of careerNames) {
		const file = path.join('resources', 'career-learning', name);
		const button = name.replace(/\.ya?ml$/, '');
		if (!(BUTTONS as readonly string[]).includes(button)) throw new ContentError(file, '', `the file name must be a career button (${BUTTONS.join(', ')})`);
		const { data } = readYaml(contentDir, file, careerFile);
		if (data.button !== button) throw new ContentError(file, 'button', `must be ${button}, the file's name`);
		const known = outcomes.get(button);
		if (!known) throw new ContentError(file, 'button', `the ${CAREER_FRAMEWORK} framework is not imported or has no button ${button}`);
		data.items.forEach((item, index) => {
			const at = `items.${index}`;
			if (!item.slug.startsWith(`${button}-`)) throw new ContentError(file, `${at}.slug`, `must start with ${button}-`);
			claim(item.slug, file, `${at}.slug`);
			item.outcomes.forEach((key, o) => {
				if (!known.has(key)) throw new ContentError(file, `${at}.outcomes.${o}`, `${key} is not a learning outcome of ${button} (${[...known].join(', ')})`);
			});
			sources.push({
				slug: item.slug,
				file,
				hash: hashOf(item),
				kind: item.kind,
				sectors: [],
				targets: item.targets,
				settings: item.settings,
				duration: item.duration,
				languages: Object.keys(defined(item.translations)),
				licence: '',
				publisher: '',
				url: null,
				year: null,
				qualityAreas: [],
				captions: false,
				ownWriting: true,
				links: [[CAREER_FRAMEWORK, button as Button], ...item.outcomes.map((key): [string, string] => [CAREER_FRAMEWORK, key])],
				wording: defined(item.translations)
			});
		});
	}

	for (const name of ['library.yaml', 'library.yml']) {
		if (!fs.existsSync(path.join(root, name))) continue;
		const file = path.join('resources', name);
		const { data } = readYaml(contentDir, file, libraryFile);
		data.items.forEach((item, index) => {
			claim(item.slug, file, `items.${index}.slug`);
			sources.push({
				slug: item.slug,
				file,
				hash: hashOf(item),
				kind: item.kind,
				sectors: item.sectors,
				targets: [],
				settings: [],
				duration: null,
				languages: item.languages,
				licence: item.licence,
				publisher: item.publisher,
				url: item.url ?? null,
				year: item.year ?? null,
				qualityAreas: item.quality_areas ?? [],
				captions: item.captions ?? false,
				ownWriting: false,
				links: [],
				wording: defined(item.translations)
			});
		});
	}
	return sources;
}
