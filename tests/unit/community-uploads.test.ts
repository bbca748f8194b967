// Images in community posts (issue 14): checked by their bytes (PNG, JPEG, WebP, GIF; never SVG,
// whatever the name says), at most 2 MB, with alt text; stored with the post in one go; served only
// to readers of the space they were uploaded in (a stranger's refusal is that of a missing id);
// rate-limited; in the data export and gone with the account when the person removes their writing.
// Both engines.
import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createThread,
	deletePost,
	editPost,
	getThread,
	openSpace,
	readUpload,
	reply,
	setHidden,
	uploadImage,
	UPLOADS_PER_HOUR,
	type Space
} from '../../src/lib/server/community/index.ts';
import { COMMUNITY_DATA } from '../../src/lib/server/community/personal-data.ts';
import { IMAGE_TYPES } from '../../src/lib/server/community/uploads.ts';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { communitySpace, communityUpload } from '../../src/lib/server/db/schema/community.ts';
import { storedFile } from '../../src/lib/server/db/schema/files.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { checkFileContent, COMMUNITY_IMAGE_MAX_BYTES, fileResponse, imageSize } from '../../src/lib/server/files/index.ts';
import { bodyLimitFor, COMMUNITY_POST_BODY_LIMIT, DEFAULT_BODY_LIMIT } from '../../src/lib/server/learn/authoring/limits.ts';
import { exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import { indexSearchItem } from '../../src/lib/server/platform/search.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { organisationTeam, person as newPerson } from '../helpers/community.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { GIF, jpegHeader, png, SVG, webpHeader } from '../helpers/images.ts';
import { value } from '../helpers/result.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
const kind = (result: Result<unknown>) => (result.ok ? 'ok' : result.problem.kind);
const UPLOAD_URL = /\/community\/uploads\/([0-9a-f-]{36})/;

describe('community images: what the bytes are', () => {
	it('tells the type by the bytes, not the name, and refuses SVG, HTML, an empty and an oversized file', async () => {
		expect(await checkFileContent(png(3, 2), IMAGE_TYPES)).toEqual({ ok: true, ext: 'png', mime: 'image/png' });
		expect(await checkFileContent(GIF, IMAGE_TYPES)).toEqual({ ok: true, ext: 'gif', mime: 'image/gif' });
		expect(await checkFileContent(jpegHeader(640, 480), IMAGE_TYPES)).toEqual({ ok: true, ext: 'jpg', mime: 'image/jpeg' });
		expect(await checkFileContent(webpHeader(800, 600), IMAGE_TYPES)).toEqual({ ok: true, ext: 'webp', mime: 'image/webp' });
		expect(await checkFileContent(SVG, IMAGE_TYPES)).toEqual({ ok: false, reason: 'type' });
		expect(await checkFileContent(new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), IMAGE_TYPES)).toEqual({ ok: false, reason: 'type' });
		expect(await checkFileContent(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), IMAGE_TYPES)).toEqual({ ok: false, reason: 'type' });
		expect(await checkFileContent(new Uint8Array(), IMAGE_TYPES)).toEqual({ ok: false, reason: 'content' });
		const big = new Uint8Array(COMMUNITY_IMAGE_MAX_BYTES + 1);
		big.set(png(1, 1));
		expect(await checkFileContent(big, IMAGE_TYPES)).toEqual({ ok: false, reason: 'too_large' });
	});

	it('reads the width and height from each format’s header', () => {
		expect(imageSize(png(3, 2), 'png')).toEqual({ width: 3, height: 2 });
		expect(imageSize(GIF, 'gif')).toEqual({ width: 1, height: 1 });
		expect(imageSize(jpegHeader(640, 480), 'jpg')).toEqual({ width: 640, height: 480 });
		expect(imageSize(webpHeader(800, 600), 'webp')).toEqual({ width: 800, height: 600 });
		expect(imageSize(new Uint8Array(8), 'png')).toBeUndefined();
		expect(imageSize(Uint8Array.from([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]), 'jpg')).toBeUndefined();
	});

	it('gives a post with an image the larger body limit, and nothing else', () => {
		expect(bodyLimitFor('/en/community/ethics/new')).toBe(COMMUNITY_POST_BODY_LIMIT);
		expect(bodyLimitFor('/en/community/ethics/uploads')).toBe(COMMUNITY_POST_BODY_LIMIT);
		expect(bodyLimitFor('/nb/community/ethics/00000000-0000-4000-8000-000000000001?/reply')).toBe(COMMUNITY_POST_BODY_LIMIT);
		expect(bodyLimitFor('/nb/community/ethics/00000000-0000-4000-8000-000000000001?/edit')).toBe(COMMUNITY_POST_BODY_LIMIT);
		expect(bodyLimitFor('/nb/community/ethics/00000000-0000-4000-8000-000000000001?/react')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimitFor('/nb/community/ethics/00000000-0000-4000-8000-000000000001')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimitFor('/en/signin')).toBe(DEFAULT_BODY_LIMIT);
	});
});

describe.each(testDatabases())('community images on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, ['content', { only: ['community'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	const person = (name: string) => newPerson(db, name);
	const space = async (actor: string | null, slug: string): Promise<Space> => value(await openSpace(db, actor ? as(actor) : null, slug, 'en'));
	/** An organisation with its owner and a colleague, and its private space as the colleague sees it. */
	async function organisationSpace() {
		const team = await organisationTeam(db);
		return { ...team, space: await space(team.colleague, team.slug) };
	}
	const files = async () => (await db.select({ n: count() }).from(storedFile))[0]!.n;

	it('puts a reply’s image at the end of its text and shows it to the space’s members only; a stranger’s 404 is that of a missing image', async () => {
		const { owner, colleague, stranger, slug, space: s } = await organisationSpace();
		const { id: thread } = value(await createThread(db, as(owner), await space(owner, slug), { title: 'Our board', body: 'What we planned.', language: 'nb' }));
		value(await reply(db, as(colleague), s, thread, { body: 'Here is the whiteboard.', image: { name: 'board.png', data: png(3, 2), alt: 'The whiteboard with [three] columns' } }));

		const view = value(await getThread(db, as(owner), await space(owner, slug), thread));
		const posted = view.posts[0]!;
		expect(posted.body).toMatch(/^Here is the whiteboard\.\n\n!\[The whiteboard with \\\[three\\\] columns\]\(\/community\/uploads\/[0-9a-f-]{36}\)$/);
		const id = UPLOAD_URL.exec(posted.body)![1]!;
		expect(posted.html).toContain(`<img src="/community/uploads/${id}" alt="The whiteboard with [three] columns" width="3" height="2" loading="lazy">`);

		const seen = value(await readUpload(db, as(owner), id));
		expect(seen).toMatchObject({ mime: 'image/png', size: png(3, 2).byteLength });
		expect(kind(await readUpload(db, as(colleague), id))).toBe('ok');
		// A stranger and a visitor are told exactly what they are told for an id nobody uploaded.
		const missing = await readUpload(db, as(stranger), '00000000-0000-4000-8000-000000000000');
		expect(missing).toEqual({ ok: false, problem: { kind: 'not_found' } });
		expect(await readUpload(db, as(stranger), id)).toEqual(missing);
		expect(await readUpload(db, null, id)).toEqual(missing);
		// A malformed id is a 404 too, never an error from the database.
		for (const bad of ['x', '../../etc/passwd', `${id}x`, '', "'; drop table stored_file; --"]) expect(kind(await readUpload(db, as(owner), bad))).toBe('not_found');

		// The response: its checked type, never sniffed, kept only by the reader's browser, 304 when it has it.
		const response = fileResponse(seen, null, { maxAge: 86400, ifNoneMatch: null });
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toBe('private, max-age=86400');
		expect(response.headers.get('content-disposition')).toMatch(/^inline;/);
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(png(3, 2));
		expect(fileResponse(seen, null, { maxAge: 86400, ifNoneMatch: response.headers.get('etag') }).status).toBe(304);
	});

	it('stops showing an image to the space when the only post showing it is hidden or deleted; its uploader and the moderators still see it', async () => {
		const { owner, colleague, slug, space: s } = await organisationSpace();
		const reader = await person('Reader');
		const { id: org } = (await db.select({ id: communitySpace.organisationId }).from(communitySpace).where(eq(communitySpace.slug, slug)))[0]! as { id: string };
		await db.insert(membership).values({ organisationId: org, userId: reader, role: 'member' });
		const { id: thread } = value(await createThread(db, as(owner), await space(owner, slug), { title: 'Our board', body: 'What we planned.', language: 'nb' }));
		const { id: postId } = value(await reply(db, as(colleague), s, thread, { body: 'The whiteboard.', image: { name: 'board.png', data: png(3, 2), alt: 'The whiteboard' } }));
		const post = value(await getThread(db, as(owner), await space(owner, slug), thread)).posts[0]!;
		const id = UPLOAD_URL.exec(post.body)![1]!;
		const seenBy = async () => Promise.all([reader, colleague, owner].map(async (who) => kind(await readUpload(db, as(who), id))));
		expect(await seenBy()).toEqual(['ok', 'ok', 'ok']);

		value(await setHidden(db, as(owner), await space(owner, slug), thread, postId, true));
		expect(await seenBy()).toEqual(['not_found', 'ok', 'ok']);
		value(await setHidden(db, as(owner), await space(owner, slug), thread, postId, false));
		expect(await seenBy()).toEqual(['ok', 'ok', 'ok']);
		value(await deletePost(db, as(colleague), s, thread, postId));
		expect(await seenBy()).toEqual(['not_found', 'ok', 'ok']);

		// An image uploaded while writing, never posted: its uploader's alone.
		const { id: draft } = value(await uploadImage(db, as(reader), await space(reader, slug), { name: 'draft.png', data: png(2, 2), alt: 'Draft' }));
		expect(kind(await readUpload(db, as(reader), draft))).toBe('ok');
		expect(kind(await readUpload(db, as(colleague), draft))).toBe('not_found');
	});

	it('lets anyone, signed out too, see an image in an open space; a new thread and an edit take one as well', async () => {
		const ada = await person('Ada');
		const s = await space(ada, 'ethics');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'A diagram', body: 'See below.', language: 'en', image: { name: 'photo', data: GIF, alt: 'A dot' } }));
		const first = value(await getThread(db, null, await space(null, 'ethics'), thread));
		const id = UPLOAD_URL.exec(first.body)![1]!;
		expect(value(await readUpload(db, null, id)).mime).toBe('image/gif');
		expect(first.html).toContain(`<img src="/community/uploads/${id}" alt="A dot" width="1" height="1" loading="lazy">`);

		value(await editPost(db, as(ada), s, thread, null, { body: first.body, image: { name: 'second.png', data: png(4, 4), alt: 'A square' } }));
		const edited = value(await getThread(db, null, await space(null, 'ethics'), thread));
		expect(edited.body.startsWith(first.body)).toBe(true);
		expect(edited.html).toContain('alt="A square" width="4" height="4"');
		expect(edited.revisions).toBe(1);

		// Search knows the images by their alt text, not their addresses.
		await indexSearchItem(db, `thread:${thread}`);
		const indexed = (await db.execute(sql`select body from search_document where ref = ${`thread:${thread}`}`)) as unknown as { rows: { body: string }[] };
		expect(indexed.rows[0]!.body).toBe('See below.\n\nA dot\n\nA square');
	});

	it('refuses an image without alt text, one that is not PNG, JPEG, WebP or GIF, an oversized one and a stranger’s, and stores nothing then', async () => {
		const { colleague, stranger, space: s } = await organisationSpace();
		const { id: thread } = value(await createThread(db, as(colleague), s, { title: 'Ours', body: 'Words.', language: 'nb' }));
		const before = await files();
		const refused = async (image: { name: string; data: Uint8Array; alt: string }, actor = colleague) => {
			const result = await reply(db, as(actor), s, thread, { body: 'With an image', image });
			return result.ok ? 'ok' : { kind: result.problem.kind, field: result.problem.field, key: result.problem.key };
		};
		expect(await refused({ name: 'a.png', data: png(1, 1), alt: '   ' })).toEqual({ kind: 'invalid', field: 'alt', key: 'community_error_image_alt' });
		// An SVG named .png, HTML named .gif: refused by what they are.
		expect(await refused({ name: 'logo.png', data: SVG, alt: 'Logo' })).toEqual({ kind: 'invalid', field: 'image', key: 'community_error_image_type' });
		expect(await refused({ name: 'page.gif', data: new TextEncoder().encode('<html><script>alert(1)</script>'), alt: 'Page' })).toEqual({ kind: 'invalid', field: 'image', key: 'community_error_image_type' });
		const big = new Uint8Array(COMMUNITY_IMAGE_MAX_BYTES + 1);
		big.set(png(1, 1));
		expect(await refused({ name: 'big.png', data: big, alt: 'Big' })).toEqual({ kind: 'too_large', field: 'image', key: 'community_error_image_large' });
		// The space as a stranger stands in it (openSpace would not even answer them).
		const asStranger: Space = { ...s, access: { kind: 'organisation', member: false, moderator: false } };
		expect(kind(await uploadImage(db, as(stranger), asStranger, { name: 'a.png', data: png(1, 1), alt: 'Mine' }))).toBe('not_found');
		// An account whose address is not confirmed posts nothing, images neither.
		expect(kind(await uploadImage(db, { ...as(colleague)!, emailVerified: false }, s, { name: 'a.png', data: png(1, 1), alt: 'Mine' }))).toBe('not_found');
		expect(await files()).toBe(before);
		expect(value(await getThread(db, as(colleague), s, thread)).posts).toEqual([]);
	});

	it('limits each member to a number of images an hour', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const s = await space(ada, 'research');
		for (let i = 0; i < UPLOADS_PER_HOUR.max; i++) value(await uploadImage(db, as(ada), s, { name: `${i}.png`, data: png(1, 1), alt: `Image ${i}` }));
		const over = await uploadImage(db, as(ada), s, { name: 'one-more.png', data: png(1, 1), alt: 'One more' });
		expect(over).toMatchObject({ ok: false, problem: { kind: 'rate_limited', field: 'image', key: 'community_error_image_rate' } });
		expect(kind(await uploadImage(db, as(bo), s, { name: 'b.png', data: png(1, 1), alt: 'Bo’s' }))).toBe('ok');
	});

	it('lists a person’s images in their data export; keeps them with the discussion, or removes them when the person removes their writing', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const s = await space(ada, 'ethics');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'A picture', body: 'Kept.', language: 'en', image: { name: 'kept.png', data: png(2, 2), alt: 'Kept' } }));
		const kept = UPLOAD_URL.exec(value(await getThread(db, null, await space(null, 'ethics'), thread)).body)![1]!;
		const { id: gone } = value(await uploadImage(db, as(bo), s, { name: 'gone.png', data: png(2, 2), alt: 'Gone' }));

		const exported = value(await exportMyData(db, as(ada), '203.0.113.1'));
		expect(exported.communityUploads).toEqual([expect.objectContaining({ id: kept, space: 'ethics', alt: 'Kept', mime: 'image/png', download: `/community/uploads/${kept}` })]);

		const erase = COMMUNITY_DATA.find((part) => part.key === 'communityUploads')!.erase!;
		await db.transaction(async (tx) => {
			await erase(tx, { id: ada, addresses: [], writing: 'keep' });
			await tx.delete(user).where(eq(user.id, ada));
		});
		await db.transaction(async (tx) => {
			await erase(tx, { id: bo, addresses: [], writing: 'remove' });
			await tx.delete(user).where(eq(user.id, bo));
		});
		expect(kind(await readUpload(db, null, kept))).toBe('ok');
		expect((await db.select().from(communityUpload).where(eq(communityUpload.fileId, kept)))[0]!.uploaderId).toBeNull();
		expect(kind(await readUpload(db, null, gone))).toBe('not_found');
		expect(await db.select().from(storedFile).where(eq(storedFile.id, gone))).toEqual([]);
	});

	it('takes the bytes with the space when an organisation’s space goes', async () => {
		const { colleague, space: s } = await organisationSpace();
		const { id } = value(await uploadImage(db, as(colleague), s, { name: 'a.png', data: png(1, 1), alt: 'A' }));
		await db.delete(communitySpace).where(eq(communitySpace.id, s.id));
		expect(await db.select().from(storedFile).where(eq(storedFile.id, id))).toEqual([]);
	});
});
