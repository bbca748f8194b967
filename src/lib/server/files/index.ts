// Stored files: a checked upload kept in the database (`stored_file`, bytes with sha256, type, size,
// original name, owner), and sent back with headers that keep a browser from treating it as
// anything but what it was checked to be. Capability-agnostic: the capability that attaches a file
// keeps its own link row and asks its own policy before calling readStoredFile.
import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { DbOrTx } from '../db/client.ts';
import { storedFile } from '../db/schema/files.ts';
export { COMMUNITY_IMAGE_MAX_BYTES, LIBRARY_MEDIA_MAX_BYTES, PERSONAL_FILE_MAX_BYTES } from './limits.ts';
export { imageSize, type ImageSize } from './image-size.ts';

/**
 * A type of file a caller accepts: its media type, size limit, and what file-type must find in the
 * bytes — or, for a text format file-type does not know (WebVTT, plain text), a check of its UTF-8 text.
 */
export type FileKind = { mime: string; maxBytes: number; sniffed: readonly string[]; text?: (text: string) => boolean };
export type FileCheck = { ok: true; ext: string; mime: string } | { ok: false; reason: 'type' | 'too_large' | 'content' };
export type StoredFileMeta = { id: string; name: string; mime: string; size: number; sha256: string; createdAt: Date };
export type StoredFileData = StoredFileMeta & { ownerId: string | null; data: Uint8Array };

/** Whether file-type recognises the bytes as one of `exts` (its names: 'png', 'jpg', 'pdf', …). */
export async function sniffedAs(data: Uint8Array, exts: readonly string[]): Promise<boolean> {
	const found = await fileTypeFromBuffer(data);
	return !!found && exts.includes(found.ext);
}

/** The text of UTF-8 bytes (without a byte-order mark), or null when they are not UTF-8. */
export function utf8Text(data: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
	} catch {
		return null;
	}
}

/** Whether a text is a WebVTT file: it opens with the WEBVTT signature line. */
export const isWebVtt = (text: string): boolean => /^WEBVTT(?:[ \t\r\n]|$)/.test(text);

/** Whether a text is plain text a person wrote: no control characters but tab and line breaks. */
export const isPlainText = (text: string): boolean => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** Whether the bytes are what `kind` says: sniffed by file-type, or a text format's own check. */
async function contentIs(kind: FileKind, data: Uint8Array): Promise<boolean> {
	if (!kind.text) return sniffedAs(data, kind.sniffed);
	const text = utf8Text(data);
	return text !== null && kind.text(text);
}

/** The lowercased extension of a file name ('' when none). */
export const extensionOf = (name: string): string => (name.includes('.') ? (name.toLowerCase().split('.').pop() ?? '') : '');

/**
 * Checks an upload against the kinds a caller accepts: an extension it names, within that kind's
 * size limit, and bytes that file-type recognises as that kind (a renamed file is refused).
 */
export async function checkFile(name: string, data: Uint8Array, kinds: Readonly<Record<string, FileKind>>): Promise<FileCheck> {
	const ext = extensionOf(name);
	const kind = Object.hasOwn(kinds, ext) ? kinds[ext] : undefined;
	if (!kind) return { ok: false, reason: 'type' };
	if (data.byteLength > kind.maxBytes) return { ok: false, reason: 'too_large' };
	if (!data.byteLength || !(await contentIs(kind, data))) return { ok: false, reason: 'content' };
	return { ok: true, ext, mime: kind.mime };
}

/**
 * Checks an upload by its bytes alone, whatever its name says (a phone's or a pasted image's name
 * may have no extension or the wrong one): `kinds` are keyed by file-type's name for the format
 * ('png', 'jpg', 'webp', 'gif'); the format found must be one of them and within its size limit.
 */
export async function checkFileContent(data: Uint8Array, kinds: Readonly<Record<string, FileKind>>): Promise<FileCheck> {
	if (!data.byteLength) return { ok: false, reason: 'content' };
	const found = await fileTypeFromBuffer(data);
	const kind = found && Object.hasOwn(kinds, found.ext) ? kinds[found.ext] : undefined;
	if (!found || !kind) return { ok: false, reason: 'type' };
	if (data.byteLength > kind.maxBytes) return { ok: false, reason: 'too_large' };
	return { ok: true, ext: found.ext, mime: kind.mime };
}

const NAME_MAX = 200;

/** An uploaded file's name as shown and sent back: its last path part, no control characters, at most 200 characters. */
export function cleanFileName(original: string): string {
	const base = (original.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}"]/gu, '').trim();
	if (base.length <= NAME_MAX) return base || 'file';
	const ext = extensionOf(base);
	return `${base.slice(0, NAME_MAX - ext.length - 1)}.${ext}`;
}

const META = {
	id: storedFile.id,
	name: storedFile.name,
	mime: storedFile.mime,
	size: storedFile.size,
	sha256: storedFile.sha256,
	createdAt: storedFile.createdAt
};

/** Stores a file that has passed checkFile (pass `mime` from its answer), owned by `ownerId` (null: the platform's). */
export async function storeFile(db: DbOrTx, file: { ownerId: string | null; name: string; mime: string; data: Uint8Array }): Promise<StoredFileMeta> {
	const [row] = await db
		.insert(storedFile)
		.values({ ...file, name: cleanFileName(file.name), size: file.data.byteLength, sha256: createHash('sha256').update(file.data).digest('hex') })
		.returning(META);
	return row!;
}

/** A stored file with its bytes, or undefined. Whoever calls this has checked the reader may see it. */
export async function readStoredFile(db: DbOrTx, id: string): Promise<StoredFileData | undefined> {
	const [row] = await db
		.select({ ...META, ownerId: storedFile.ownerId, data: storedFile.data })
		.from(storedFile)
		.where(eq(storedFile.id, id));
	return row;
}

/** Deletes stored files. */
export async function deleteStoredFiles(db: DbOrTx, ids: readonly string[]): Promise<void> {
	if (ids.length) await db.delete(storedFile).where(inArray(storedFile.id, [...ids]));
}

/** RFC 6266 / 8187: an ASCII fallback and the UTF-8 name. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
	const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'file';
	return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The one byte range a `Range` header asks for within `size` bytes (RFC 9110 14.1.2: `bytes=a-b`,
 * `bytes=a-`, `bytes=-n`), 'unsatisfiable' when it lies outside, or undefined when there is no
 * single byte range to honour (the whole file is sent).
 */
export function byteRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
	const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
	if (!match || (!match[1] && !match[2])) return undefined;
	if (!match[1]) {
		const suffix = Number(match[2]);
		return suffix > 0 && size > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : 'unsatisfiable';
	}
	const start = Number(match[1]);
	const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
	if (match[2] && Number(match[2]) < start) return undefined;
	return start < size ? { start, end } : 'unsatisfiable';
}

/**
 * The response that sends a stored file: its checked type, never sniffed again by the browser;
 * images inline (they open in the tab), anything else (PDF) as a download, so a document never runs
 * in the site's origin; private to the reader, never kept by a shared cache. With the request's
 * `Range` header one byte range is sent (206), so a video or audio player can seek. With `cache`,
 * the reader's browser keeps it for `maxAge` seconds (for files that never change at their address,
 * such as a post's images) and a request with its ETag in `If-None-Match` gets a 304.
 */
export function fileResponse(file: StoredFileData, range: string | null = null, cache?: { maxAge: number; ifNoneMatch: string | null }): Response {
	const inline = file.mime.startsWith('image/') && file.mime !== 'image/svg+xml';
	const size = file.data.byteLength;
	const etag = `"${file.sha256}"`;
	const headers: Record<string, string> = {
		'content-type': file.mime,
		'x-content-type-options': 'nosniff',
		'content-disposition': disposition(inline ? 'inline' : 'attachment', file.name),
		'cache-control': cache ? `private, max-age=${cache.maxAge}` : 'private, no-cache',
		'accept-ranges': 'bytes',
		etag
	};
	if (cache?.ifNoneMatch && cache.ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
	const part = byteRange(range, size);
	if (part === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
	if (!part) return new Response(file.data as Uint8Array<ArrayBuffer>, { headers: { ...headers, 'content-length': String(size) } });
	const body = file.data.subarray(part.start, part.end + 1) as Uint8Array<ArrayBuffer>;
	return new Response(body, { status: 206, headers: { ...headers, 'content-length': String(body.byteLength), 'content-range': `bytes ${part.start}-${part.end}/${size}` } });
}
