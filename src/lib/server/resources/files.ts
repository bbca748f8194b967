// A resource's files: its uploaded media (the video of a film, the audio of a podcast), captions
// (WebVTT) and transcripts, and other files to download (PDF, images). Checked by their bytes and
// size and kept by files/; readable by whoever may see the resource. Editors attach them to any
// resource, a member to their own proposal while it is a draft. A file a member attaches to their
// proposal is theirs (in their data export); an editor's belongs to the library.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { storedFile } from '../db/schema/files.ts';
import { resource, resourceFile } from '../db/schema/resources.ts';
import {
	checkFile,
	deleteStoredFiles,
	isPlainText,
	isWebVtt,
	LIBRARY_MEDIA_MAX_BYTES,
	PERSONAL_FILE_MAX_BYTES,
	readStoredFile,
	storeFile,
	type FileKind,
	type StoredFileData
} from '../files/index.ts';
import { isSlug, isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { MEDIA_KINDS } from './vocabulary.ts';

export const FILE_ROLES = ['media', 'captions', 'transcript', 'attachment'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

const MB = 1024 * 1024;
const kind = (mime: string, maxBytes: number, sniffed: string[], text?: (t: string) => boolean): FileKind => ({ mime, maxBytes, sniffed, text });
const PDF = kind('application/pdf', PERSONAL_FILE_MAX_BYTES, ['pdf']);
const TEXT = kind('text/plain; charset=utf-8', 1 * MB, [], isPlainText);

/** What each role takes, by extension. Media depends on the kind: a film's video, a podcast's audio. */
export const RESOURCE_FILE_TYPES = {
	film: { webm: kind('video/webm', LIBRARY_MEDIA_MAX_BYTES, ['webm']), mp4: kind('video/mp4', LIBRARY_MEDIA_MAX_BYTES, ['mp4', 'm4v']) },
	podcast: { mp3: kind('audio/mpeg', 20 * MB, ['mp3']), m4a: kind('audio/mp4', 20 * MB, ['m4a', 'mp4']), webm: kind('audio/webm', 20 * MB, ['webm']) },
	captions: { vtt: kind('text/vtt; charset=utf-8', 256 * 1024, [], isWebVtt) },
	transcript: { pdf: PDF, txt: TEXT, vtt: kind('text/vtt; charset=utf-8', 256 * 1024, [], isWebVtt) },
	attachment: {
		pdf: PDF,
		png: kind('image/png', PERSONAL_FILE_MAX_BYTES, ['png']),
		jpg: kind('image/jpeg', PERSONAL_FILE_MAX_BYTES, ['jpg']),
		jpeg: kind('image/jpeg', PERSONAL_FILE_MAX_BYTES, ['jpg']),
		webp: kind('image/webp', PERSONAL_FILE_MAX_BYTES, ['webp'])
	}
} as const satisfies Record<string, Record<string, FileKind>>;

/** The most downloadable files one resource may carry. */
export const ATTACHMENTS_PER_RESOURCE = 20;

export type ResourceFile = { id: string; role: FileRole; language: string | null; name: string; mime: string; size: number; createdAt: Date };

/** Where a resource's file is read (unlocalised: the app redirects to the reader's language). */
export const resourceFilePath = (slug: string, fileId: string) => `/resources/${slug}/files/${fileId}`;

/** The files of resources (metadata only), by resource; one query. */
export async function filesOfResources(db: DbOrTx, resourceIds: readonly number[]): Promise<Map<number, ResourceFile[]>> {
	const byResource = new Map<number, ResourceFile[]>();
	if (!resourceIds.length) return byResource;
	const rows = await db
		.select({ resourceId: resourceFile.resourceId, id: storedFile.id, role: resourceFile.role, language: resourceFile.language, name: storedFile.name, mime: storedFile.mime, size: storedFile.size, createdAt: storedFile.createdAt })
		.from(resourceFile)
		.innerJoin(storedFile, eq(storedFile.id, resourceFile.fileId))
		.where(inArray(resourceFile.resourceId, [...resourceIds]))
		.orderBy(asc(storedFile.createdAt), asc(storedFile.id));
	for (const { resourceId, ...file } of rows) byResource.set(resourceId, [...(byResource.get(resourceId) ?? []), { ...file, role: file.role as FileRole }]);
	return byResource;
}

/** What a resource has uploaded for the media rule: media, and captions or a transcript. */
export type UploadedMedia = { media: boolean; captions: boolean };
export const uploadedMedia = (files: readonly Pick<ResourceFile, 'role'>[]): UploadedMedia => ({
	media: files.some((f) => f.role === 'media'),
	captions: files.some((f) => f.role === 'captions' || f.role === 'transcript')
});

/**
 * The media rule for uploaded media: a film or podcast that plays from the platform needs uploaded
 * captions or a transcript (a confirmation is not enough: the platform serves both).
 */
export function uploadedMediaRule(kind: string, uploaded: UploadedMedia): Result {
	if ((MEDIA_KINDS as readonly string[]).includes(kind) && uploaded.media && !uploaded.captions) return problem('invalid', { field: 'captions', key: 'resources_error_uploaded_captions' });
	return ok();
}

async function lockedResource(db: DbOrTx, slug: string) {
	if (!isSlug(slug)) return undefined;
	const [row] = await db.select({ id: resource.id, kind: resource.kind, status: resource.status, source: resource.source, authorId: resource.authorId }).from(resource).where(eq(resource.slug, slug)).for('update');
	return row;
}

const REFUSED = { type: 'resources_error_file_type', too_large: 'resources_error_file_large', content: 'resources_error_file_content' } as const;

export type AttachInput = { role: FileRole; language: string | null; name: string; data: Uint8Array };

/**
 * Attaches a file to a resource: checked by its name, size and bytes for its role; media only on a
 * film (video) or podcast (audio), one per resource; captions and a transcript one per language
 * (a new one replaces the old). Media on a published resource needs its captions or transcript
 * uploaded first. Refused with a message for the `file` field (or `role`), nothing stored.
 */
export async function attachResourceFile(db: DbOrTx, actor: Actor, slug: string, input: AttachInput): Promise<Result<ResourceFile>> {
	if (!actor) return problem('not_found');
	return db.transaction(async (tx) => {
		const row = await lockedResource(tx, slug);
		if (!row || !can(actor, 'resource:view', row)) return problem('not_found');
		if (!can(actor, 'resource:attach', row)) return problem('forbidden');
		// Media, captions and a transcript belong to a film or podcast; anything takes downloads.
		const media = row.kind === 'film' || row.kind === 'podcast' ? row.kind : undefined;
		if (input.role !== 'attachment' && !media) return problem('invalid', { field: 'role', key: 'resources_error_media_kind' });
		const types = input.role === 'media' ? RESOURCE_FILE_TYPES[media!] : RESOURCE_FILE_TYPES[input.role];
		const check = await checkFile(input.name, input.data, types);
		if (!check.ok) return problem(check.reason === 'too_large' ? 'too_large' : 'invalid', { field: 'file', key: REFUSED[check.reason] });
		const existing = (await filesOfResources(tx, [row.id])).get(row.id) ?? [];
		const language = input.role === 'captions' || input.role === 'transcript' ? input.language : null;
		const replaced = existing.filter((f) => f.role === input.role && (input.role === 'media' || ((input.role === 'captions' || input.role === 'transcript') && f.language === language)));
		if (input.role === 'attachment' && existing.filter((f) => f.role === 'attachment').length >= ATTACHMENTS_PER_RESOURCE) return problem('conflict', { field: 'file', key: 'resources_error_file_many' });
		if (row.status === 'published') {
			const after = uploadedMedia([...existing.filter((f) => !replaced.includes(f)), { role: input.role }]);
			const rule = uploadedMediaRule(row.kind, after);
			if (!rule.ok) return problem('conflict', { field: 'file', key: 'resources_error_uploaded_captions' });
		}
		await deleteStoredFiles(tx, replaced.map((f) => f.id));
		// A member's file on their own proposal is theirs; an editor's belongs to the library.
		const ownerId = row.source === 'member' && row.authorId === actor.id ? actor.id : null;
		const stored = await storeFile(tx, { ownerId, name: input.name, mime: check.mime, data: input.data });
		await tx.insert(resourceFile).values({ fileId: stored.id, resourceId: row.id, role: input.role, language });
		await tx.update(resource).set({ updatedAt: sql`now()` }).where(eq(resource.id, row.id));
		return ok({ id: stored.id, role: input.role, language, name: stored.name, mime: stored.mime, size: stored.size, createdAt: stored.createdAt });
	});
}

/**
 * Removes a file from a resource (the bytes go too). A published film or podcast keeps its captions
 * or transcript while it plays uploaded media: removing the last is refused.
 */
export async function removeResourceFile(db: DbOrTx, actor: Actor, slug: string, fileId: string): Promise<Result> {
	if (!actor || !isUuid(fileId)) return problem('not_found');
	return db.transaction(async (tx) => {
		const row = await lockedResource(tx, slug);
		if (!row || !can(actor, 'resource:view', row)) return problem('not_found');
		if (!can(actor, 'resource:attach', row)) return problem('forbidden');
		const files = (await filesOfResources(tx, [row.id])).get(row.id) ?? [];
		if (!files.some((f) => f.id === fileId)) return problem('not_found');
		if (row.status === 'published' && !uploadedMediaRule(row.kind, uploadedMedia(files.filter((f) => f.id !== fileId))).ok) {
			return problem('conflict', { field: 'files', key: 'resources_error_captions_needed' });
		}
		await deleteStoredFiles(tx, [fileId]);
		return ok();
	});
}

/** A resource's file with its bytes, for whoever may see the resource; anyone else gets not_found. */
export async function readResourceFile(db: DbOrTx, actor: Actor, slug: string, fileId: string): Promise<Result<StoredFileData>> {
	if (!isSlug(slug) || !isUuid(fileId)) return problem('not_found');
	const [row] = await db
		.select({ status: resource.status, authorId: resource.authorId })
		.from(resourceFile)
		.innerJoin(resource, eq(resource.id, resourceFile.resourceId))
		.where(and(eq(resource.slug, slug), eq(resourceFile.fileId, fileId)));
	if (!row || !(row.status === 'published' || (actor && can(actor, 'resource:view', row)))) return problem('not_found');
	const file = await readStoredFile(db, fileId);
	return file ? ok(file) : problem('not_found');
}

/** Deletes the stored files of resources that are about to go (their link rows cascade, the bytes would not). */
export async function deleteFilesOfResources(db: DbOrTx, resourceIds: readonly number[]): Promise<void> {
	if (!resourceIds.length) return;
	const links = await db.select({ id: resourceFile.fileId }).from(resourceFile).where(inArray(resourceFile.resourceId, [...resourceIds]));
	await deleteStoredFiles(db, links.map((l) => l.id));
}
