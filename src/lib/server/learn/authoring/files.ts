import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { BASE_LOCALE, LOCALE_NAMES, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { course, lesson, lessonFile, lessonTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import { done, forbidden, formatBytes, markEdited, mayAuthor, notFound, refuse, type Problem } from './common.ts';
import type { Result } from '../../result/index.ts';
import { narrationFiles } from '../content/index.ts';
import { markdownRefs } from '../content/index.ts';
import { extensionOf, MEDIA_TYPES, type MediaExtension } from '../content/index.ts';

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

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const startsWith = (data: Uint8Array, bytes: number[], offset = 0) => data.length >= offset + bytes.length && bytes.every((b, i) => data[offset + i] === b);

function utf8(data: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
	} catch {
		return null;
	}
}

/**
 * Whether `text` is well-formed XML whose root element is `svg`: elements nest and close, attributes
 * are quoted, entities are the predefined or numeric ones, and there is no DOCTYPE (no entity
 * definitions to expand). Not a validating parser; enough to know the file is what it says.
 */
export function isSvgDocument(text: string): boolean {
	const name = '[A-Za-z_][\\w.:-]*';
	const startTag = new RegExp(`<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
	const endTag = new RegExp(`</(${name})\\s*>`, 'y');
	const badEntity = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
	const stack: string[] = [];
	let root: string | null = null;
	let closed = false;
	let i = 0;
	while (i < text.length) {
		if (text.startsWith('<?', i)) {
			const end = text.indexOf('?>', i + 2);
			if (end < 0) return false;
			i = end + 2;
		} else if (text.startsWith('<!--', i)) {
			const end = text.indexOf('-->', i + 4);
			if (end < 0) return false;
			i = end + 3;
		} else if (text.startsWith('<![CDATA[', i)) {
			const end = text.indexOf(']]>', i + 9);
			if (end < 0 || !stack.length) return false;
			i = end + 3;
		} else if (text.startsWith('<!', i)) {
			return false;
		} else if (text.startsWith('</', i)) {
			endTag.lastIndex = i;
			const match = endTag.exec(text);
			if (!match || stack.pop() !== match[1]) return false;
			if (!stack.length) closed = true;
			i = endTag.lastIndex;
		} else if (text[i] === '<') {
			startTag.lastIndex = i;
			const match = startTag.exec(text);
			if (!match || closed) return false;
			if (badEntity.test(match[2]!)) return false;
			root ??= match[1]!;
			if (match[3]) {
				if (!stack.length) closed = true;
			} else stack.push(match[1]!);
			i = startTag.lastIndex;
		} else {
			const next = text.indexOf('<', i);
			const chunk = text.slice(i, next < 0 ? text.length : next);
			if (!stack.length && chunk.trim()) return false;
			if (badEntity.test(chunk)) return false;
			i = next < 0 ? text.length : next;
		}
	}
	return closed && !stack.length && root !== null && (root === 'svg' || root.endsWith(':svg'));
}

/** Scripts, event handlers and script URLs: what an SVG image must not carry. */
export function svgHasActiveContent(text: string): boolean {
	return /<\s*([\w-]+:)?script\b/i.test(text) || /[\s"'/]on[a-z]+\s*=/i.test(text) || /javascript\s*:/i.test(text) || /<\s*([\w-]+:)?foreignObject\b/i.test(text);
}

type FileCheck = { ok: true } | { ok: false; key: string; params: Record<string, string> };

/** Whether the bytes are what the extension says (the "magic bytes" of each format). */
function contentMatches(ext: MediaExtension, data: Uint8Array): boolean {
	switch (ext) {
		case 'png':
			return startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		case 'jpg':
		case 'jpeg':
			return startsWith(data, [0xff, 0xd8, 0xff]);
		case 'webp':
			return startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8);
		case 'mp3':
			// An ID3 tag, or straight into an MPEG audio frame (11 sync bits).
			return startsWith(data, ascii('ID3')) || (data.length > 1 && data[0] === 0xff && (data[1]! & 0xe0) === 0xe0);
		case 'webm':
			return startsWith(data, [0x1a, 0x45, 0xdf, 0xa3]);
		case 'mp4':
			return startsWith(data, ascii('ftyp'), 4);
		case 'vtt': {
			const text = utf8(data);
			return text !== null && /^WEBVTT(?:[ \t\r\n]|$)/.test(text);
		}
		case 'svg': {
			const text = utf8(data);
			return text !== null && isSvgDocument(text);
		}
	}
}

/**
 * Checks a file a lesson is to carry: a type media-types.ts allows, within its size limit, and
 * content that matches the extension. SVG images must also be free of scripts and event handlers.
 */
export function checkLessonFile(name: string, data: Uint8Array): FileCheck {
	const ext = extensionOf(name);
	if (!ext) return { ok: false, key: 'author_error_file_type', params: { name, types: ALLOWED_TYPES } };
	const type = MEDIA_TYPES[ext];
	if (data.byteLength > type.maxBytes) return { ok: false, key: 'author_error_file_too_large', params: { name, size: formatBytes(type.maxBytes) } };
	if (!data.byteLength || !contentMatches(ext, data)) return { ok: false, key: 'author_error_file_content', params: { name, type: ext.toUpperCase() } };
	if (ext === 'svg' && svgHasActiveContent(utf8(data)!)) return { ok: false, key: 'author_error_svg_unsafe', params: { name } };
	return { ok: true };
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
	const check = checkLessonFile(name, file.data);
	if (!check.ok) return refuse(check.key === 'author_error_file_too_large' ? 'too_large' : 'invalid', 'file', check.key, check.params);
	const values = {
		lessonId: target.id,
		name,
		mime: MEDIA_TYPES[extensionOf(name)!].mime,
		size: file.data.byteLength,
		sha256: createHash('sha256').update(file.data).digest('hex'),
		data: file.data
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
	if (media !== 'audio' && media !== 'video') return undefined;
	if (!narration.length) return locale === BASE_LOCALE ? { kind: 'invalid', field: 'narration', key: 'author_error_narration_required' } : undefined;
	const needed = narrationFiles(media, locale);
	const missing = [needed.media, needed.captions].filter((n) => !fileNames.includes(n));
	if (missing.length) return { kind: 'invalid', field: 'narration', key: 'author_error_narration_files', params: { files: missing.join(', ') } };
	return undefined;
}
