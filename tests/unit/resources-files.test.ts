// A resource's files (media, WebVTT captions, transcript, downloads) and its editors' revisions:
// checks by content and size, who may attach and read, the media rule with uploaded captions, files
// going with the resource and with a proposer's account, revisions with restore and translation
// status. Both engines.
import { count, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { storedFile } from '../../src/lib/server/db/schema/files.ts';
import { resourceRevision } from '../../src/lib/server/db/schema/resources.ts';
import { byteRange, checkFile, fileResponse, isPlainText, isWebVtt } from '../../src/lib/server/files/index.ts';
import { bodyLimitFor, LIBRARY_FILE_BODY_LIMIT } from '../../src/lib/server/learn/authoring/limits.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import {
	attachResourceFile,
	decideProposal,
	getResource,
	proposeResource,
	readResourceFile,
	removeResourceFile,
	resourceForEditing,
	resources,
	RESOURCE_FILE_TYPES,
	restoreResourceRevision,
	saveResourceText,
	type FileRole
} from '../../src/lib/server/resources/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { value } from '../helpers/result.ts';

const FIXTURES = path.resolve('tests/fixtures/resources');
const MD = { localize: (p: string) => `/en${p}`, calloutLabel: (k: string) => k };
const text = (s: string) => new TextEncoder().encode(s);
// An MPEG audio frame header file-type recognises, a WebM (EBML) header, a WebVTT file, a PDF and an HTML page.
const MP3 = Uint8Array.from([0xff, 0xfb, 0x90, 0x64, ...Array(400).fill(0)]);
const WEBM = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, ...text('webm'), 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]);
const VTT = text('WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n');
const PDF = text('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const HTML = text('<!doctype html><script>alert(1)</script>');

describe('resource files: checks', () => {
	it('takes media, captions, transcripts and downloads by their bytes and size', async () => {
		expect(await checkFile('episode.mp3', MP3, RESOURCE_FILE_TYPES.podcast)).toMatchObject({ ok: true, mime: 'audio/mpeg' });
		expect(await checkFile('film.webm', WEBM, RESOURCE_FILE_TYPES.film)).toMatchObject({ ok: true, mime: 'video/webm' });
		expect(await checkFile('episode.mp3', MP3, RESOURCE_FILE_TYPES.film)).toEqual({ ok: false, reason: 'type' });
		expect(await checkFile('page.mp3', HTML, RESOURCE_FILE_TYPES.podcast)).toEqual({ ok: false, reason: 'content' });
		expect(await checkFile('captions.vtt', VTT, RESOURCE_FILE_TYPES.captions)).toMatchObject({ ok: true, mime: 'text/vtt; charset=utf-8' });
		expect(await checkFile('captions.vtt', HTML, RESOURCE_FILE_TYPES.captions)).toEqual({ ok: false, reason: 'content' });
		expect(await checkFile('captions.vtt', Uint8Array.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff, 0xfe]), RESOURCE_FILE_TYPES.captions)).toEqual({ ok: false, reason: 'content' });
		expect(await checkFile('transcript.txt', text('Speaker: hello.\n'), RESOURCE_FILE_TYPES.transcript)).toMatchObject({ ok: true });
		expect(await checkFile('transcript.txt', Uint8Array.from([0x68, 0x00, 0x69]), RESOURCE_FILE_TYPES.transcript)).toEqual({ ok: false, reason: 'content' });
		expect(await checkFile('transcript.pdf', PDF, RESOURCE_FILE_TYPES.transcript)).toMatchObject({ ok: true, mime: 'application/pdf' });
		const big = new Uint8Array(20 * 1024 * 1024 + 1);
		big.set(MP3);
		expect(await checkFile('long.mp3', big, RESOURCE_FILE_TYPES.podcast)).toEqual({ ok: false, reason: 'too_large' });
		expect(isWebVtt('WEBVTT - title\n')).toBe(true);
		expect(isWebVtt('WEBVTTX\n')).toBe(false);
		expect(isPlainText('a\tb\r\nc')).toBe(true);
		expect(isPlainText('a\u0007b')).toBe(false);
	});

	it('sends one byte range of a file when asked, so a player can seek', async () => {
		expect(byteRange(null, 100)).toBeUndefined();
		expect(byteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
		expect(byteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
		expect(byteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
		expect(byteRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
		expect(byteRange('bytes=100-', 100)).toBe('unsatisfiable');
		expect(byteRange('bytes=9-2', 100)).toBeUndefined();
		expect(byteRange('bytes=0-1,5-6', 100)).toBeUndefined();
		expect(byteRange('items=0-1', 100)).toBeUndefined();
		const file = { id: 'x', ownerId: null, name: 'episode.mp3', mime: 'audio/mpeg', size: MP3.byteLength, sha256: 'ab', createdAt: new Date(), data: MP3 };
		const whole = fileResponse(file);
		expect([whole.status, whole.headers.get('accept-ranges'), whole.headers.get('content-length')]).toEqual([200, 'bytes', String(MP3.byteLength)]);
		const part = fileResponse(file, 'bytes=1-3');
		expect([part.status, part.headers.get('content-range'), part.headers.get('content-length')]).toEqual([206, `bytes 1-3/${MP3.byteLength}`, '3']);
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(MP3.subarray(1, 4));
		const outside = fileResponse(file, `bytes=${MP3.byteLength}-`);
		expect([outside.status, outside.headers.get('content-range')]).toEqual([416, `bytes */${MP3.byteLength}`]);
	});

	it('lets the upload action of a resource page carry its largest video, and nothing else', () => {
		expect(bodyLimitFor('/en/resources/a-film?/upload')).toBe(LIBRARY_FILE_BODY_LIMIT);
		expect(bodyLimitFor('/en/resources/a-film?/favourite')).toBeLessThan(1024 * 1024);
		expect(bodyLimitFor('/en/resources/a-film/edit?/upload')).toBeLessThan(1024 * 1024);
	});
});

const CAREER_FRAMEWORK_ONLY = (() => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-career-fw-'));
	fs.mkdirSync(path.join(dir, 'frameworks'));
	fs.copyFileSync(path.resolve('content/frameworks/career-learning-in-context.yaml'), path.join(dir, 'frameworks', 'career-learning-in-context.yaml'));
	return dir;
})();

describe.each(testDatabases())('resource files and revisions on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [CAREER_FRAMEWORK_ONLY, { only: ['frameworks'] }], [FIXTURES, { only: ['resources'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string, role = 'member'): Promise<NonNullable<Actor>> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', role, emailVerifiedAt: new Date() })
			.returning({ id: user.id });
		const strong = role === 'editor';
		return { id: row!.id, role, emailVerified: true, totpEnabled: strong, secondFactorVerified: strong };
	}
	const input = { title: 'A podcast on guidance', summary: 'Episode one.', body: 'Notes.', kind: 'podcast' as const, url: null, publisher: 'Someone', licence: 'CC BY 4.0', sectors: ['adult'], languages: ['en'] };
	const attach = (actor: Actor, slug: string, role: FileRole, name: string, data: Uint8Array, language: string | null = 'en') => attachResourceFile(db, actor, slug, { role, language, name, data });
	const stored = async () => (await db.select({ n: count() }).from(storedFile))[0]!.n;

	it('a proposer attaches media and captions to their draft; a podcast with uploaded audio is published only with its captions', async () => {
		const anna = await person('Anna');
		const bo = await person('Bo');
		const editor = await person('Eva', 'editor');
		const { slug } = value(await proposeResource(db, anna, input, 'en'));
		const audio = value(await attach(anna, slug, 'media', 'episode.mp3', MP3));
		expect(audio).toMatchObject({ role: 'media', language: null, mime: 'audio/mpeg', size: MP3.byteLength });
		// Someone else: the draft does not exist for them; an article takes no media; a renamed file is refused.
		expect(await attach(bo, slug, 'attachment', 'notes.pdf', PDF)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await attach(anna, slug, 'media', 'page.mp3', HTML)).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'file', key: 'resources_error_file_content' } });
		expect(await attach(anna, slug, 'media', 'film.mp4', MP3)).toMatchObject({ ok: false, problem: { field: 'file', key: 'resources_error_file_type' } });
		expect(await attach(editor, 'fixture-article', 'media', 'episode.mp3', MP3)).toMatchObject({ ok: false, problem: { field: 'role', key: 'resources_error_media_kind' } });
		expect(await attach(editor, 'fixture-article', 'captions', 'episode.vtt', VTT)).toMatchObject({ ok: false, problem: { field: 'role', key: 'resources_error_media_kind' } });
		// Only the proposer and editors read a draft's files.
		expect(new Uint8Array(value(await readResourceFile(db, anna, slug, audio.id)).data)).toEqual(MP3);
		expect((await readResourceFile(db, bo, slug, audio.id)).ok).toBe(false);
		expect((await readResourceFile(db, null, slug, audio.id)).ok).toBe(false);
		expect((await readResourceFile(db, anna, 'fixture-article', audio.id)).ok).toBe(false);

		// Uploaded audio without captions: refused even when the editor ticks "captions exist".
		expect(await decideProposal(db, editor, slug, 'publish', true)).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'captions', key: 'resources_error_uploaded_captions' } });
		const captions = value(await attach(anna, slug, 'captions', 'episode.vtt', VTT));
		// A second file of the same role and language replaces the first.
		const again = value(await attach(anna, slug, 'captions', 'episode-v2.vtt', VTT));
		expect(value(await getResource(db, anna, slug, 'en', MD)).files.map((f) => [f.role, f.name])).toEqual([
			['media', 'episode.mp3'],
			['captions', 'episode-v2.vtt']
		]);
		expect((await readResourceFile(db, anna, slug, captions.id)).ok).toBe(false);
		value(await decideProposal(db, editor, slug, 'publish'));
		const page = value(await getResource(db, null, slug, 'en', MD));
		expect(page).toMatchObject({ status: 'published', captions: true, attach: false });
		expect(page.files.map((f) => f.href)).toEqual([`/resources/${slug}/files/${audio.id}`, `/resources/${slug}/files/${again.id}`]);
		expect(value(await readResourceFile(db, null, slug, again.id)).mime).toBe('text/vtt; charset=utf-8');
		// Published: the proposer no longer changes its files; the captions stay while the audio plays.
		expect(await attach(anna, slug, 'attachment', 'notes.pdf', PDF)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await removeResourceFile(db, editor, slug, again.id)).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'resources_error_captions_needed' } });
		value(await removeResourceFile(db, editor, slug, audio.id));
		value(await removeResourceFile(db, editor, slug, again.id));
		expect(value(await getResource(db, null, slug, 'en', MD)).files).toEqual([]);
	});

	it('refuses media on a published film until its captions are uploaded', async () => {
		const editor = await person('Eva', 'editor');
		expect(await attach(editor, 'fixture-film', 'media', 'film.webm', WEBM)).toMatchObject({ ok: false, problem: { kind: 'conflict', field: 'file', key: 'resources_error_uploaded_captions' } });
		expect(await stored()).toBe(0);
		value(await attach(editor, 'fixture-film', 'transcript', 'transcript.txt', text('The whole film in words.'), 'nb'));
		value(await attach(editor, 'fixture-film', 'media', 'film.webm', WEBM));
		const member = await person('Bo');
		expect(await attach(member, 'fixture-film', 'attachment', 'notes.pdf', PDF)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(value(await getResource(db, member, 'fixture-film', 'en', MD)).files.map((f) => [f.role, f.language])).toEqual([
			['transcript', 'nb'],
			['media', null]
		]);
	});

	it('exports a proposer\'s files and erases them with their drafts; files of a published proposal and an editor\'s stay with the library', async () => {
		const anna = await person('Anna');
		const editor = await person('Eva', 'editor');
		const draft = value(await proposeResource(db, anna, { ...input, title: 'Draft' }, 'en'));
		value(await attach(anna, draft.slug, 'attachment', 'draft.pdf', PDF));
		value(await attach(editor, draft.slug, 'attachment', 'editor-note.pdf', PDF));
		const kept = value(await proposeResource(db, anna, { ...input, title: 'Kept' }, 'en'));
		const audio = value(await attach(anna, kept.slug, 'media', 'kept.mp3', MP3));
		value(await attach(anna, kept.slug, 'captions', 'kept.vtt', VTT));
		value(await decideProposal(db, editor, kept.slug, 'publish'));
		const editorsOwn = value(await attach(editor, 'fixture-article', 'attachment', 'library.pdf', PDF));

		const part = resources.personalData!.find((p) => p.key === 'resourceFiles')!;
		const exported = (await part.export(db, anna.id)) as { resource: string; name: string; download: string }[];
		expect(exported.map((f) => [f.resource, f.name]).sort()).toEqual([
			[draft.slug, 'draft.pdf'],
			[kept.slug, 'kept.mp3'],
			[kept.slug, 'kept.vtt']
		]);
		expect(exported.find((f) => f.name === 'kept.mp3')!.download).toBe(`/resources/${kept.slug}/files/${audio.id}`);
		expect(await stored()).toBe(5);

		await db.transaction(async (tx) => {
			for (const p of resources.personalData!) await p.erase?.(tx, { id: anna.id, addresses: [] });
			await tx.delete(user).where(eq(user.id, anna.id));
		});
		// The draft went with both its files (the editor's too); the published podcast plays on.
		expect(await stored()).toBe(3);
		expect(value(await readResourceFile(db, null, kept.slug, audio.id)).ownerId).toBeNull();
		expect((await getResource(db, editor, draft.slug, 'en', MD)).ok).toBe(false);
		// An editor's upload is the library's: it stays when the editor leaves.
		await db.delete(user).where(eq(user.id, editor.id));
		expect(value(await readResourceFile(db, null, 'fixture-article', editorsOwn.id)).name).toBe('library.pdf');
	});

	it('keeps a revision of every edit, restores one, and tracks each language\'s translation status', async () => {
		const editor = await person('Eva', 'editor');
		const member = await person('Bo');
		expect((await resourceForEditing(db, member, 'fixture-article', 'en')).ok).toBe(false);
		expect((await saveResourceText(db, member, 'fixture-article', 'en', { title: 'x', summary: 'y', body: '' })).ok).toBe(false);
		const before = value(await resourceForEditing(db, editor, 'fixture-article', 'en'));
		expect(before.translations).toEqual([
			{ locale: 'en', state: 'current' },
			{ locale: 'nb', state: 'current' },
			{ locale: 'cs', state: 'missing' },
			{ locale: 'sk', state: 'missing' },
			{ locale: 'pl', state: 'missing' }
		]);
		expect(before.revisions).toEqual([]);

		value(await saveResourceText(db, editor, 'fixture-article', 'en', { title: 'Fixture article, revised', summary: 'An article.', body: 'About the article, longer.' }));
		const edited = value(await resourceForEditing(db, editor, 'fixture-article', 'en'));
		expect(edited.translations.find((t) => t.locale === 'nb')!.state).toBe('outdated');
		expect(edited.revisions).toHaveLength(1);
		expect(edited.revisions[0]).toMatchObject({ who: 'Eva', saved: { title: 'Fixture article, revised' } });
		expect(edited.revisions[0]!.title.filter((p) => p.added).map((p) => p.text).join('')).toBe(', revised');
		expect(edited.revisions[0]!.title.filter((p) => p.removed)).toEqual([]);
		expect(value(await getResource(db, null, 'fixture-article', 'en', MD)).title).toBe('Fixture article, revised');
		expect(value(await getResource(db, null, 'fixture-article', 'nb', MD)).translationStatus).toBe('outdated');

		// Saving a language makes it current again; a new language is added.
		value(await saveResourceText(db, editor, 'fixture-article', 'nb', { title: 'Testartikkel, revidert', summary: 'En artikkel.', body: 'Om artikkelen.' }));
		value(await saveResourceText(db, editor, 'fixture-article', 'pl', { title: 'Artykuł testowy', summary: 'Artykuł.', body: '' }));
		const states = value(await resourceForEditing(db, editor, 'fixture-article', 'nb')).translations;
		expect(states.filter((t) => t.state !== 'missing').map((t) => [t.locale, t.state])).toEqual([
			['en', 'current'],
			['nb', 'current'],
			['pl', 'current']
		]);

		// Restoring the first English text: a new revision, the text back, nothing lost.
		value(await saveResourceText(db, editor, 'fixture-article', 'en', { title: 'A third title', summary: 'An article.', body: 'About the article.' }));
		const history = value(await resourceForEditing(db, editor, 'fixture-article', 'en')).revisions;
		expect(history.map((r) => r.saved.title)).toEqual(['A third title', 'Fixture article, revised']);
		expect(value(await restoreResourceRevision(db, editor, 'fixture-article', history[1]!.id))).toEqual({ locale: 'en' });
		expect(value(await getResource(db, null, 'fixture-article', 'en', MD))).toMatchObject({ title: 'Fixture article, revised', html: expect.stringContaining('About the article, longer.') });
		expect(value(await resourceForEditing(db, editor, 'fixture-article', 'en')).revisions.map((r) => r.saved.title)).toEqual(['Fixture article, revised', 'A third title', 'Fixture article, revised']);
		// A revision of another resource is not found through this one.
		expect((await restoreResourceRevision(db, editor, 'fixture-material', history[1]!.id)).ok).toBe(false);
		expect((await restoreResourceRevision(db, member, 'fixture-article', history[1]!.id)).ok).toBe(false);

		// The editor's account goes; the revisions stay, without their name.
		await db.transaction(async (tx) => {
			for (const p of resources.personalData!) await p.erase?.(tx, { id: editor.id, addresses: [] });
			await tx.delete(user).where(eq(user.id, editor.id));
		});
		expect((await db.select({ n: count() }).from(resourceRevision).where(isNull(resourceRevision.editorId)))[0]!.n).toBe(5);
	});
});
