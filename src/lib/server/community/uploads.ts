// Images in posts. A member attaches an image (PNG, JPEG, WebP or GIF, told by its bytes, at most
// 2 MB) with its alt text to a new thread, a reply or an edit; it is kept by files/ and linked to the
// space it was uploaded in (community_upload), and the post's Markdown gets `![alt](/community/uploads/<id>)`.
// Whoever may read that space may see it; anyone else gets the same 404 as for a missing thread.
// The renderer (markdown.ts) shows no other image.
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { communityUpload } from '../db/schema/community.ts';
import { checkFileContent, COMMUNITY_IMAGE_MAX_BYTES, imageSize, readStoredFile, storeFile, type FileKind, type StoredFileData } from '../files/index.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { hit, type Limit } from '../ratelimit/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { uploadPath, type ImageSizes } from './markdown.ts';
import { accessToSpace, type Space } from './spaces.ts';

export { uploadPath };

/** The longest alt text. */
export const ALT_MAX = 200;

const image = (mime: string): FileKind => ({ mime, maxBytes: COMMUNITY_IMAGE_MAX_BYTES, sniffed: [] });
/** The images a post takes, keyed by the format file-type finds in the bytes (never SVG: it can carry script). */
export const IMAGE_TYPES = { png: image('image/png'), jpg: image('image/jpeg'), webp: image('image/webp'), gif: image('image/gif') } as const satisfies Record<string, FileKind>;
const IMAGE_MIMES = new Set<string>(Object.values(IMAGE_TYPES).map((k) => k.mime));

/** Everyone: at most this many images an hour. */
export const UPLOADS_PER_HOUR: Limit = { name: 'community-uploads', max: 20, windowSeconds: 60 * 60 };

/** An image as it arrives with a post: the file's name and bytes and the alt text the member wrote. */
export type ImageInput = { name: string; data: Uint8Array; alt: string };
/** An image that passed every check, ready to be stored with the post. */
export type CheckedImage = { spaceId: string; uploaderId: string; name: string; mime: string; data: Uint8Array; alt: string; width: number | null; height: number | null };

const REFUSED = { type: 'community_error_image_type', too_large: 'community_error_image_large', content: 'community_error_image_type' } as const;

/**
 * Checks an image a member attaches to a post in a space, storing nothing: they may post there,
 * the alt text is there, the bytes are a PNG, JPEG, WebP or GIF within 2 MB, and they are within
 * the hourly limit. Refusals name the `alt` or `image` field.
 */
export async function checkImage(db: DbOrTx, actor: Actor, space: Space, input: ImageInput): Promise<Result<CheckedImage>> {
	if (!actor || !can(actor, 'community:post', space.access)) return problem('not_found');
	const alt = input.alt.replace(/\s+/g, ' ').trim();
	if (!alt) return problem('invalid', { field: 'alt', key: 'community_error_image_alt' });
	if (alt.length > ALT_MAX) return problem('invalid', { field: 'alt', key: 'error_too_long' });
	const check = await checkFileContent(input.data, IMAGE_TYPES);
	if (!check.ok) return problem(check.reason === 'too_large' ? 'too_large' : 'invalid', { field: 'image', key: REFUSED[check.reason] });
	if (!(await hit(db, UPLOADS_PER_HOUR, actor.id))) return problem('rate_limited', { field: 'image', key: 'community_error_image_rate' });
	const size = imageSize(input.data, check.ext);
	return ok({ spaceId: space.id, uploaderId: actor.id, name: input.name, mime: check.mime, data: input.data, alt, width: size?.width ?? null, height: size?.height ?? null });
}

/** The Markdown that shows an uploaded image (brackets and backslashes in the alt text escaped). */
export const imageMarkdown = (alt: string, id: string) => `![${alt.replace(/[\\[\]]/g, '\\$&')}](${uploadPath(id)})`;

/** A text with an image's Markdown added at its end, as a paragraph of its own. */
export const withImage = (body: string, markdown: string) => (body.trimEnd() ? `${body.trimEnd()}\n\n${markdown}` : markdown);

/** Stores a checked image in the caller's transaction; its id and the Markdown that shows it. */
export async function storeImage(tx: DbOrTx, image: CheckedImage): Promise<{ id: string; markdown: string }> {
	// No owner on the stored file: it stays with the discussion when its uploader's account goes,
	// unless they choose to remove their writing (personal-data.ts).
	const stored = await storeFile(tx, { ownerId: null, name: image.name, mime: image.mime, data: image.data });
	await tx.insert(communityUpload).values({ fileId: stored.id, spaceId: image.spaceId, uploaderId: image.uploaderId, alt: image.alt, width: image.width, height: image.height });
	return { id: stored.id, markdown: imageMarkdown(image.alt, stored.id) };
}

/** Checks and stores an image on its own (not with a post): its id and Markdown. */
export async function uploadImage(db: DbOrTx, actor: Actor, space: Space, input: ImageInput): Promise<Result<{ id: string; markdown: string }>> {
	const checked = await checkImage(db, actor, space, input);
	if (!checked.ok) return checked;
	return ok(await db.transaction((tx) => storeImage(tx, checked.value)));
}

/**
 * An uploaded image with its bytes, for whoever may read the space it was uploaded in (anyone for
 * an open space) while a post there shows it; its uploader and the space's moderators see it
 * always (a post being written, a hidden post under review). To anyone else, for an image only a
 * hidden, held or deleted post showed, and for a malformed or unknown id: not_found.
 */
export async function readUpload(db: DbOrTx, actor: Actor, id: string): Promise<Result<StoredFileData>> {
	if (!isUuid(id)) return problem('not_found');
	const fileId = id.toLowerCase();
	const [row] = await db.select({ spaceId: communityUpload.spaceId, uploaderId: communityUpload.uploaderId }).from(communityUpload).where(eq(communityUpload.fileId, fileId));
	if (!row) return problem('not_found');
	const space = await accessToSpace(db, actor, row.spaceId);
	if (!space || (space.access.kind !== 'public' && !can(actor, 'community:read', space.access))) return problem('not_found');
	const privileged = (!!actor && row.uploaderId === actor.id) || can(actor, 'community:moderate', space.access);
	if (!privileged && !(await shownInSpace(db, row.spaceId, uploadPath(fileId)))) return problem('not_found');
	const file = await readStoredFile(db, fileId);
	// Only what was checked in as an image is ever sent back as one.
	return file && IMAGE_MIMES.has(file.mime) ? ok(file) : problem('not_found');
}

/** Whether a thread or reply that readers of the space see (not hidden, held or deleted) shows `path`. */
async function shownInSpace(db: DbOrTx, spaceId: string, path: string): Promise<boolean> {
	const [row] = await queryRows<{ shown: boolean }>(
		db,
		sql`select exists (
			select 1 from community_thread t
			where t.space_id = ${spaceId} and t.deleted_at is null and not t.hidden and not t.held
				and (strpos(t.body, ${path}) > 0 or exists (
					select 1 from community_post p
					where p.thread_id = t.id and p.deleted_at is null and not p.hidden and not p.held and strpos(p.body, ${path}) > 0
				))
		) as shown`
	);
	return !!row?.shown;
}

/** The ids of the uploaded images a Markdown text shows. */
export function uploadsIn(...bodies: string[]): string[] {
	const ids = new Set<string>();
	for (const body of bodies) for (const match of body.matchAll(/\/community\/uploads\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi)) ids.add(match[1]!.toLowerCase());
	return [...ids];
}

/** The width and height of uploaded images, by id (one query), for the renderer. */
export async function imageSizes(db: DbOrTx, ids: readonly string[]): Promise<ImageSizes> {
	if (!ids.length) return new Map();
	const rows = await db.select({ id: communityUpload.fileId, width: communityUpload.width, height: communityUpload.height }).from(communityUpload).where(inArray(communityUpload.fileId, [...ids]));
	return new Map(rows.filter((r) => r.width && r.height).map((r) => [r.id, { width: r.width!, height: r.height! }]));
}
