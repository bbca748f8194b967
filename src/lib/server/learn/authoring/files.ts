import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { BASE_LOCALE, LOCALE_NAMES, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { isWebVtt, sniffedAs, utf8Text as utf8 } from '../../files/index.ts';
import { course, lesson, lessonFile, lessonTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import { done, forbidden, formatBytes, markEdited, mayAuthor, notFound, refuse, type Problem } from './common.ts';
import type { Result } from '../../result/index.ts';
import { narrationFiles } from '../content/index.ts';
import { markdownRefs } from '../content/index.ts';
import { extensionOf, isSvgDocument, MEDIA_TYPES, sanitiseSvg, type MediaExtension } from '../content/index.ts';
import { isDiagramKey } from '../../../diagrams/index.ts';

/** The allowed file types with their limits, for help texts and messages: "png (2 MB), …". */
export const ALLOWED_TYPES = (Object.entries(MEDIA_TYPES) as [MediaExtension, (typeof MEDIA_TYPES)[MediaExtension]][])
	.map(([ext, t]) => `${ext} (${formatBytes(t.maxBytes)})`)
	.join(', ');

const NAME_MAX = 120;
// Letters of our languages that Unicode does not decompose into a base letter and a mark.
const LETTERS: Record<string, string> = { ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ß: 'ss', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' };

/**
 * A file name as lessons use it: each dot-separated part lowercased and slugified, so
 * "Mapa Kariéry (v2).PNG" becomes "mapa-kariery-v2.png" and "narration.cs.mp3" stays as it is.
 * Null when nothing usable is left.
 */
export function slugifyFileName(original: string): string | null {
	const base = original.split(/[\\/]/).pop() ?? '';
	const parts = base
		.replace(/[øØæÆœŒßłŁđĐ]/g, (c) => LETTERS[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split('.')
		.map((part) => part.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
		.filter(Boolean);
	if (parts.length < 2) return null;
	const name = parts.join('.');
	return name.length <= NAME_MAX ? name : null;
}

type FileCheck = { ok: true; data: Uint8Array } | { ok: false; key: string; params: Record<string, string> };

// What file-type finds in the bytes for each extension we take.
const SNIFFED: Record<Exclude<MediaExtension, 'vtt' | 'svg'>, string[]> = {
	png: ['png'],
	jpg: ['jpg'],
	jpeg: ['jpg'],
	webp: ['webp'],
	mp3: ['mp3'],
	webm: ['webm'],
	mp4: ['mp4', 'm4v']
};

/** Whether the bytes are what the extension says: binary formats sniffed by file-type, text ones parsed. */
async function contentMatches(ext: MediaExtension, data: Uint8Array): Promise<boolean> {
	switch (ext) {
		case 'vtt': {
			const text = utf8(data);
			return text !== null && isWebVtt(text);
		}
		case 'svg': {
			const text = utf8(data);
			return text !== null && isSvgDocument(text);
		}
		default:
			return sniffedAs(data, SNIFFED[ext]);
	}
}

/**
 * Checks a file a lesson is to carry: a type media-types.ts allows, within its size limit, and
 * content that matches the extension. An SVG image must be strict XML (isSvgDocument: no DOCTYPE,
 * no entities of its own, so the browser's XML parser and the sanitiser's see the same tree) and
 * the sanitiser must find nothing to remove; the author is told what is wrong, and the file is
 * kept byte for byte (a course package exports and imports unchanged).
 */
export async function checkLessonFile(name: string, data: Uint8Array): Promise<FileCheck> {
	const ext = extensionOf(name);
	if (!ext) return { ok: false, key: 'author_error_file_type', params: { name, types: ALLOWED_TYPES } };
	const type = MEDIA_TYPES[ext];
	if (data.byteLength > type.maxBytes) return { ok: false, key: 'author_error_file_too_large', params: { name, size: formatBytes(type.maxBytes) } };
	if (!data.byteLength || !(await contentMatches(ext, data))) return { ok: false, key: 'author_error_file_content', params: { name, type: ext.toUpperCase() } };
	if (ext !== 'svg') return { ok: true, data };
	if (sanitiseSvg(utf8(data)!).removed) return { ok: false, key: 'author_error_svg_unsafe', params: { name } };
	return { ok: true, data };
}

async function lessonOf(db: DbOrTx, slug: string, lessonKey: string) {
	const [row] = await db
		.select({ id: lesson.id, courseId: lesson.courseId, media: lesson.media })
		.from(lesson)
		.innerJoin(course, eq(course.id, lesson.courseId))
		.where(and(eq(course.slug, slug), eq(lesson.key, lessonKey)));
	return row;
}

/** Stores an uploaded file with a lesson under its slugified name (replacing one of that name). */
export async function uploadLessonFile(
	db: DbOrTx,
	actor: Actor,
	slug: string,
	lessonKey: string,
	file: { name: string; data: Uint8Array }
): Promise<Result<{ name: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	const target = await lessonOf(db, slug, lessonKey);
	if (!target) return notFound();
	const name = slugifyFileName(file.name);
	if (!name) return refuse('invalid', 'file', 'author_error_file_name');
	const check = await checkLessonFile(name, file.data);
	if (!check.ok) return refuse(check.key === 'author_error_file_too_large' ? 'too_large' : 'invalid', 'file', check.key, check.params);
	const values = {
		lessonId: target.id,
		name,
		mime: MEDIA_TYPES[extensionOf(name)!].mime,
		size: check.data.byteLength,
		sha256: createHash('sha256').update(check.data).digest('hex'),
		data: check.data
	};
	await db.transaction(async (tx) => {
		await tx.insert(lessonFile).values(values).onConflictDoUpdate({ target: [lessonFile.lessonId, lessonFile.name], set: { ...values, createdAt: new Date() } });
		await markEdited(tx, target.courseId);
	});
	return done({ name });
}

/** The language whose text needs a file (an image in its Markdown, or its narration), if any. */
export function fileNeededBy(
	name: string,
	media: string | null,
	translations: { locale: string; body: string; narration: string[] }[]
): AppLocale | undefined {
	for (const t of translations) {
		if (markdownRefs(t.body).images.some((image) => image.src === name)) return t.locale as AppLocale;
		if ((media === 'audio' || media === 'video') && t.narration.length) {
			const needed = narrationFiles(media, t.locale as AppLocale);
			if (needed.media === name || needed.captions === name) return t.locale as AppLocale;
		}
	}
	return undefined;
}

/** Deletes a file of a lesson, unless a text of the lesson still uses it. */
export async function deleteLessonFile(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, name: string): Promise<Result<{ name: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	const target = await lessonOf(db, slug, lessonKey);
	if (!target) return notFound();
	const translations = await db
		.select({ locale: lessonTranslation.locale, body: lessonTranslation.body, narration: lessonTranslation.narration })
		.from(lessonTranslation)
		.where(eq(lessonTranslation.lessonId, target.id));
	const usedBy = fileNeededBy(name, target.media, translations);
	if (usedBy) return refuse('conflict', 'files', 'author_error_file_in_use', { name, language: LOCALE_NAMES[usedBy] });
	const deleted = await db.transaction(async (tx) => {
		const rows = await tx
			.delete(lessonFile)
			.where(and(eq(lessonFile.lessonId, target.id), eq(lessonFile.name, name)))
			.returning({ id: lessonFile.id });
		if (rows.length) await markEdited(tx, target.courseId);
		return rows.length;
	});
	return deleted ? done({ name }) : notFound();
}

/** The problem with a text's images and narration files, given the lesson's file names. */
export function fileProblem(
	locale: AppLocale,
	media: string | null,
	body: string,
	narration: string[],
	fileNames: string[]
): Problem | undefined {
	for (const image of markdownRefs(body).images) {
		if (!image.alt) return { kind: 'invalid', field: 'body', key: 'author_error_image_alt', params: { src: image.src } };
		if (!fileNames.includes(image.src)) return { kind: 'invalid', field: 'body', key: 'author_error_image_missing', params: { src: image.src } };
	}
	const diagram = markdownRefs(body).diagrams.find((d) => !isDiagramKey(d.key));
	if (diagram) return { kind: 'invalid', field: 'body', key: 'diagram_error_unknown', params: { key: diagram.key } };
	if (media !== 'audio' && media !== 'video') return undefined;
	if (!narration.length) return locale === BASE_LOCALE ? { kind: 'invalid', field: 'narration', key: 'author_error_narration_required' } : undefined;
	const needed = narrationFiles(media, locale);
	const missing = [needed.media, needed.captions].filter((n) => !fileNames.includes(n));
	if (missing.length) return { kind: 'invalid', field: 'narration', key: 'author_error_narration_files', params: { files: missing.join(', ') } };
	return undefined;
}
