import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../../i18n/locales.ts';
import { ContentError } from '../../content/errors.ts';
import { SLUG } from '../../forms/index.ts';
import {
	courseFile,
	lessonFile,
	lessonTranslationFile,
	moduleFile,
	type ActivityStructure,
	type CourseFile,
	type LessonFile,
	type LessonTranslationFile,
	type ModuleFile
} from './content.ts';
import { markdownRefs, type MarkdownRefs } from './markdown.ts';
import { COVER_RASTER_MAX_BYTES, coverExtensionOf, coverMaxBytes, MEDIA_TYPES, mediaTypeOf } from './media-types.ts';
import { isDiagramKey } from '../../../diagrams/index.ts';
import { isSvgDocument, sanitiseSvg } from './svg.ts';
import { sniffedAs } from '../../files/index.ts';

export type LessonTranslationSource = { file: string; meta: LessonTranslationFile; body: string; refs: MarkdownRefs };
/** A file that goes with a lesson: generated narration and captions, images. */
export type LessonFileSource = { name: string; mime: string; data: Uint8Array; sha256: string };
export type LessonSource = {
	key: string;
	file: string;
	structure: LessonFile;
	translations: Partial<Record<AppLocale, LessonTranslationSource>>;
	files: LessonFileSource[];
};
export type ModuleSource = { key: string; file: string; data: ModuleFile; lessons: LessonSource[] };
/** A course's cover as read from its folder: the file's name, media type and bytes. */
export type CoverSource = { name: string; mime: string; data: Uint8Array };
export type CourseSource = { key: string; file: string; data: CourseFile; modules: ModuleSource[]; hash: string; cover: CoverSource | null };


function readYaml<S extends z.ZodType>(root: string, file: string, schema: S): z.output<S> {
	const full = path.join(root, file);
	if (!fs.existsSync(full)) throw new ContentError(file, '', 'is missing');
	let raw: unknown;
	try {
		raw = parse(fs.readFileSync(full, 'utf8'));
	} catch (error) {
		throw new ContentError(file, '', `not valid YAML (${(error as Error).message.split('\n')[0]})`);
	}
	const result = schema.safeParse(raw);
	if (!result.success) throw ContentError.fromZod(file, result.error);
	return result.data;
}

/** Splits `---\nfront matter\n---\nbody` and validates the front matter. */
export function parseLessonTranslation(file: string, text: string): LessonTranslationSource {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
	if (!match) throw new ContentError(file, '', 'must start with front matter between two "---" lines');
	let raw: unknown;
	try {
		raw = parse(match[1]!);
	} catch (error) {
		throw new ContentError(file, '', `the front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
	}
	const result = lessonTranslationFile.safeParse(raw);
	if (!result.success) throw ContentError.fromZod(file, result.error);
	const body = match[2]!.trim();
	return { file, meta: result.data, body, refs: markdownRefs(body) };
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((k) => b.includes(k));

/** Every activity, question, option and choice of the structure has its text in this language. */
export function checkActivityTexts(file: string, activities: ActivityStructure[], texts: LessonTranslationFile['activities']): void {
	const extra = Object.keys(texts).find((k) => !activities.some((a) => a.key === k));
	if (extra) throw new ContentError(file, `activities.${extra}`, 'is not an activity of lesson.yaml');
	for (const activity of activities) {
		const at = `activities.${activity.key}`;
		const t = texts[activity.key];
		if (!t) throw new ContentError(file, at, 'is required');
		if (activity.kind === 'quiz') {
			if (!('questions' in t)) throw new ContentError(file, at, 'needs a title and questions (it is a quiz)');
			if (!sameKeys(Object.keys(t.questions), activity.questions.map((q) => q.key)))
				throw new ContentError(file, `${at}.questions`, `must have exactly the questions ${activity.questions.map((q) => q.key).join(', ')}`);
			for (const q of activity.questions) {
				if (!sameKeys(Object.keys(t.questions[q.key]!.options), q.options))
					throw new ContentError(file, `${at}.questions.${q.key}.options`, `must have exactly the options ${q.options.join(', ')}`);
			}
		} else if (activity.kind === 'reflection') {
			if (!('prompt' in t)) throw new ContentError(file, at, 'needs a title and a prompt (it is a reflection)');
		} else {
			if (!('choices' in t)) throw new ContentError(file, at, 'needs a title, situation, question and choices (it is a case)');
			if (!sameKeys(Object.keys(t.choices), activity.choices))
				throw new ContentError(file, `${at}.choices`, `must have exactly the choices ${activity.choices.join(', ')}`);
		}
	}
}

/** The narration files a lesson with media needs in one language. */
export function narrationFiles(kind: 'audio' | 'video', locale: AppLocale): { media: string; captions: string } {
	return { media: `narration.${locale}.${kind === 'audio' ? 'mp3' : 'webm'}`, captions: `narration.${locale}.vtt` };
}

function readLesson(root: string, dir: string, key: string): LessonSource {
	const structure = readYaml(root, path.join(dir, 'lesson.yaml'), lessonFile);
	const translations: LessonSource['translations'] = {};
	for (const locale of LOCALES) {
		const file = path.join(dir, `${locale}.md`);
		const full = path.join(root, file);
		if (!fs.existsSync(full)) {
			if (locale === BASE_LOCALE) throw new ContentError(file, '', 'is missing (every lesson needs its English text)');
			continue;
		}
		const t = parseLessonTranslation(file, fs.readFileSync(full, 'utf8'));
		checkActivityTexts(file, structure.activities, t.meta.activities);
		translations[locale] = t;
	}

	const names = fs.readdirSync(path.join(root, dir)).filter((n) => n !== 'lesson.yaml' && !n.endsWith('.md')).sort();
	const files: LessonFileSource[] = names.map((name) => {
		const mime = mediaTypeOf(name);
		if (!mime) throw new ContentError(path.join(dir, name), '', 'is not a file type a lesson can use (png, jpg, webp, svg, mp3, webm, vtt)');
		const data = fs.readFileSync(path.join(root, dir, name));
		return { name, mime, data, sha256: createHash('sha256').update(data).digest('hex') };
	});
	const has = (name: string) => names.includes(name);

	for (const [locale, t] of Object.entries(translations) as [AppLocale, LessonTranslationSource][]) {
		for (const image of t.refs.images) {
			if (!image.alt) throw new ContentError(t.file, `line ${image.line}`, `the image "${image.src}" needs alt text`);
			if (!has(image.src)) throw new ContentError(t.file, `line ${image.line}`, `the image "${image.src}" is not in the lesson folder`);
		}
		for (const diagram of t.refs.diagrams) {
			if (!isDiagramKey(diagram.key)) throw new ContentError(t.file, `line ${diagram.line}`, `there is no diagram "${diagram.key}" (the keys are in src/lib/diagrams/index.ts)`);
		}
		if (!structure.media) continue;
		if (!t.meta.narration.length) {
			if (locale === BASE_LOCALE) throw new ContentError(t.file, 'narration', `is required (lesson.yaml has media: ${structure.media})`);
			continue;
		}
		const needed = narrationFiles(structure.media, locale);
		for (const name of [needed.media, needed.captions]) {
			if (!has(name)) throw new ContentError(path.join(dir, name), '', 'is missing: run `npm run content:media` and commit what it makes');
		}
	}
	return { key, file: path.join(dir, 'lesson.yaml'), structure, translations, files };
}

/** Reads and validates every course under `content/courses/` (not yet the links to other content). */
export function readCourses(contentDir: string): CourseSource[] {
	const base = path.join(contentDir, 'courses');
	if (!fs.existsSync(base)) return [];
	const slugs = fs
		.readdirSync(base, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name)
		.sort();
	return slugs.map((slug) => {
		const dir = path.join('courses', slug);
		if (!SLUG.test(slug)) throw new ContentError(dir, '', 'the folder name must be a slug of lowercase letters, digits and hyphens');
		return readCourse(contentDir, dir, slug);
	});
}

/** Reads one module folder and its lessons; `root` is the folder that holds `dir`. */
export function readModule(root: string, dir: string, key: string): ModuleSource {
	const moduleYaml = path.join(dir, 'module.yaml');
	const data = readYaml(root, moduleYaml, moduleFile);
	const lessons = data.lessons.map((lessonKey, index) => {
		const lessonDir = path.join(dir, lessonKey);
		if (!fs.existsSync(path.join(root, lessonDir))) throw new ContentError(moduleYaml, `lessons.${index}`, `there is no folder "${lessonKey}"`);
		return readLesson(root, lessonDir, lessonKey);
	});
	return { key, file: moduleYaml, data, lessons };
}

/** Reads one course folder; `root` is the folder that holds `dir`. */
export function readCourse(root: string, dir: string, slug: string): CourseSource {
	const courseYaml = path.join(dir, 'course.yaml');
	const data = readYaml(root, courseYaml, courseFile);
	const modules = data.modules.map((moduleKey, index) => {
		if (!fs.existsSync(path.join(root, dir, moduleKey))) throw new ContentError(courseYaml, `modules.${index}`, `there is no folder "${moduleKey}"`);
		return readModule(root, path.join(dir, moduleKey), moduleKey);
	});
	const lessonKeys = modules.flatMap((m) => m.lessons.map((l) => l.key));
	const twice = lessonKeys.find((k, i) => lessonKeys.indexOf(k) !== i);
	if (twice) throw new ContentError(courseYaml, 'modules', `the lesson key "${twice}" is used in two modules`);

	const cover = data.cover ? readCover(root, courseYaml, path.join(dir, data.cover)) : null;
	if (cover && !data.translations[BASE_LOCALE]?.coverAlt) throw new ContentError(courseYaml, `translations.${BASE_LOCALE}.coverAlt`, 'is required with a cover');

	const hash = createHash('sha256');
	hash.update(JSON.stringify(data));
	if (cover) hash.update(cover.data);
	for (const m of modules) {
		hash.update(JSON.stringify(m.data));
		for (const l of m.lessons) {
			hash.update(JSON.stringify([l.structure, l.translations]));
			for (const f of l.files) hash.update(f.name + f.sha256);
		}
	}
	return { key: slug, file: courseYaml, data, modules, hash: hash.digest('hex'), cover };
}

/**
 * A course's cover: an SVG document that DOMPurify's SVG profile finds nothing to remove from, or a
 * PNG, JPEG or WebP picture within its size limit (whose bytes coverBytesMatch checks: file-type
 * reads them asynchronously).
 */
function readCover(root: string, courseYaml: string, file: string): CoverSource {
	const full = path.join(root, file);
	if (!fs.existsSync(full)) throw new ContentError(courseYaml, 'cover', `there is no file "${path.basename(file)}"`);
	const ext = coverExtensionOf(file);
	if (!ext) throw new ContentError(courseYaml, 'cover', 'must name an .svg, .png, .jpg or .webp file in the course folder');
	const data = new Uint8Array(fs.readFileSync(full));
	if (data.byteLength > coverMaxBytes(ext)) throw new ContentError(file, '', `is larger than ${coverMaxBytes(ext) / 1024} KB`);
	const cover = { name: path.basename(file), mime: MEDIA_TYPES[ext].mime, data };
	if (ext !== 'svg') return cover;
	const text = new TextDecoder().decode(data);
	if (!isSvgDocument(text)) throw new ContentError(file, '', 'is not a well-formed SVG document');
	if (sanitiseSvg(text).removed) throw new ContentError(file, '', 'holds something an image must not (scripts, event handlers, style sheets, foreignObject or links outside the file)');
	return cover;
}

/** Whether a cover's bytes are what its name says (an SVG was checked when it was read). */
export async function coverBytesMatch(cover: CoverSource): Promise<boolean> {
	const ext = coverExtensionOf(cover.name);
	if (!ext || cover.data.byteLength > Math.max(COVER_RASTER_MAX_BYTES, MEDIA_TYPES.svg.maxBytes)) return false;
	if (ext === 'svg') return true;
	return sniffedAs(cover.data, ext === 'jpeg' ? ['jpg'] : [ext]);
}
