import { and, eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { course, courseCoverRevision, courseTranslation } from '../../src/lib/server/db/schema/learn.ts';
import { domainEvent } from '../../src/lib/server/db/schema/platform.ts';
import { courseForEditing } from '../../src/lib/server/learn/authoring/courses.ts';
import { checkCoverFile, removeCourseCover, saveCourseCover } from '../../src/lib/server/learn/authoring/cover.ts';
import { coverForm } from '../../src/lib/server/learn/authoring/forms.ts';
import { bodyLimitFor, COVER_BODY_LIMIT } from '../../src/lib/server/learn/authoring/limits.ts';
import { exportCoursePackage, importCoursePackage } from '../../src/lib/server/learn/authoring/package.ts';
import { findCourseCover, getCourseOutline, listCourses } from '../../src/lib/server/learn/catalogue/catalogue.ts';
import { cached } from '../../src/lib/server/learn/catalogue/cache.ts';
import { parseForm } from '../../src/lib/server/forms/index.ts';
import { LEARN_DATA } from '../../src/lib/server/learn/progress/personal-data.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { png } from '../helpers/images.ts';
import { value } from '../helpers/result.ts';

const PNG = png(32, 18, [40, 120, 200]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 36"><rect width="64" height="36" fill="#e8f0fa"/></svg>';
const encode = (text: string) => new TextEncoder().encode(text);

async function person(db: DbOrTx, role: string): Promise<NonNullable<Actor>> {
	const [row] = await db
		.insert(user)
		.values({ email: `${role}-${Math.random().toString(36).slice(2)}@example.org`, displayName: 'Edna Editor', locale: 'en', country: 'CZ', sector: 'other', role })
		.returning();
	return { id: row!.id, role, emailVerified: true, totpEnabled: true, secondFactorVerified: true };
}

const alts = (values: Record<string, string>) => {
	const form = new FormData();
	for (const [k, v] of Object.entries(values)) form.set(k, v);
	const parsed = parseForm(coverForm, form);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data;
};

describe('cover files', () => {
	it('takes SVG, PNG, JPEG and WebP by their bytes, within the cover’s limits', async () => {
		expect(await checkCoverFile('photo.png', PNG)).toEqual({ ok: true, mime: 'image/png' });
		expect(await checkCoverFile('drawing.svg', encode(SVG))).toEqual({ ok: true, mime: 'image/svg+xml' });
		expect(await checkCoverFile('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]))).toMatchObject({ ok: true, mime: 'image/jpeg' });
		// An HTML page renamed to .png, a GIF, a video, an SVG with a script, and a picture over 1 MB.
		expect(await checkCoverFile('page.png', encode('<html><script>alert(1)</script></html>'))).toMatchObject({ ok: false, kind: 'invalid', key: 'author_error_file_content' });
		expect(await checkCoverFile('anim.gif', encode('GIF89a'))).toMatchObject({ ok: false, key: 'author_error_cover_type' });
		expect(await checkCoverFile('film.webm', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]))).toMatchObject({ ok: false, key: 'author_error_cover_type' });
		expect(await checkCoverFile('evil.svg', encode(SVG.replace('<rect', '<script>alert(1)</script><rect')))).toMatchObject({ ok: false, key: 'author_error_cover_svg_unsafe' });
		const big = new Uint8Array(1024 * 1024 + 1);
		big.set(PNG);
		expect(await checkCoverFile('big.png', big)).toMatchObject({ ok: false, kind: 'too_large', key: 'author_error_file_too_large', params: { size: '1 MB' } });
	});

	it('lets only the cover form of a course editor page carry a cover-sized body', () => {
		expect(bodyLimitFor('/en/editor/courses/basics?/cover')).toBe(COVER_BODY_LIMIT);
		expect(bodyLimitFor('/en/editor/courses/basics?/settings')).toBe(512 * 1024);
		expect(COVER_BODY_LIMIT).toBeGreaterThan(1024 * 1024);
	});
});

describe.each(testDatabases())('course covers set by an editor on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	let editor: NonNullable<Actor>;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [writeTestCourse()]);
		editor = await person(db, 'editor');
	});
	afterEach(async () => {
		await database.close();
	});

	const events = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(domainEvent).where(eq(domainEvent.type, 'learn.content_changed')))[0]!.n;

	it('uploads a cover with alt texts: the catalogue shows it in the reader’s language, the cache is cleared and the change is a revision', async () => {
		expect((await listCourses(db, 'en'))[0]!.cover).toBeNull();
		// A cached outline from before the change must not outlive it.
		await cached('outline:basics:en', async () => 'stale');
		const before = await events();

		const saved = value(await saveCourseCover(db, editor, 'basics', { file: { name: 'My Cover.PNG', data: PNG }, alts: alts({ alt_en: 'A blue square.', alt_nb: 'En blå firkant.' }) }));
		expect(await events()).toBe(before + 1);
		expect(await cached('outline:basics:en', async () => 'fresh')).toBe('fresh');

		const [nb] = await listCourses(db, 'nb');
		expect(nb!.cover).toEqual({ src: `/media/covers/${saved.sha256}`, alt: 'En blå firkant.', lang: 'nb' });
		expect((await getCourseOutline(db, 'basics', 'en'))!.cover).toMatchObject({ alt: 'A blue square.', lang: 'en' });
		const served = await findCourseCover(db, saved.sha256);
		expect(served!.mime).toBe('image/png');
		expect(new Uint8Array(served!.data)).toEqual(PNG);
		expect(await findCourseCover(db, 'a'.repeat(64))).toBeUndefined();
		expect(await findCourseCover(db, '../etc/passwd')).toBeUndefined();

		const editing = value(await courseForEditing(db, editor, 'basics', 'en')).cover;
		expect(editing.cover).toEqual({ src: `/media/covers/${saved.sha256}`, mime: 'image/png' });
		expect(editing.alts).toEqual({ en: 'A blue square.', nb: 'En blå firkant.' });
		expect(editing.locales).toEqual(['en', 'nb']);
		expect(editing.revisions).toMatchObject([{ who: 'Edna Editor', removed: false, withAlt: ['en', 'nb'] }]);
		expect((await db.select().from(course).where(eq(course.slug, 'basics')))[0]!.editedInPlatform).toBe(true);

		// The editor's account deleted: the revision stays, by "deleted user".
		await db.transaction(async (tx) => {
			for (const part of LEARN_DATA) await part.erase?.(tx, { id: editor.id, addresses: [] });
		});
		expect(value(await courseForEditing(db, editor, 'basics', 'en')).cover.revisions).toMatchObject([{ who: null, removed: false }]);
	});

	it('changes only the alt texts when no file is sent; a language left blank reads out the English alt text', async () => {
		const first = value(await saveCourseCover(db, editor, 'basics', { file: { name: 'c.svg', data: encode(SVG) }, alts: alts({ alt_en: 'Pale sky.', alt_nb: 'Blek himmel.' }) }));
		const second = value(await saveCourseCover(db, editor, 'basics', { file: null, alts: alts({ alt_en: 'A pale sky.', alt_nb: '' }) }));
		expect(second.sha256).toBe(first.sha256);
		const [nb] = await listCourses(db, 'nb');
		expect(nb!.cover).toMatchObject({ alt: 'A pale sky.', lang: 'en' });
		const revisions = await db.select().from(courseCoverRevision);
		expect(revisions.map((r) => r.alts)).toEqual(expect.arrayContaining([{ en: 'Pale sky.', nb: 'Blek himmel.' }, { en: 'A pale sky.' }]));
	});

	it('removes the cover: the default illustration again, alt texts gone, kept as a revision; removing again is refused', async () => {
		value(await saveCourseCover(db, editor, 'basics', { file: { name: 'c.png', data: PNG }, alts: alts({ alt_en: 'Blue.' }) }));
		const before = await events();
		value(await removeCourseCover(db, editor, 'basics'));
		expect(await events()).toBe(before + 1);
		expect((await listCourses(db, 'en'))[0]!.cover).toBeNull();
		const texts = await db.select({ alt: courseTranslation.coverAlt }).from(courseTranslation);
		expect(texts.every((t) => t.alt === '')).toBe(true);
		const editing = value(await courseForEditing(db, editor, 'basics', 'en')).cover;
		expect(editing.cover).toBeNull();
		expect(editing.revisions.map((r) => r.removed)).toEqual([true, false]);
		expect(await removeCourseCover(db, editor, 'basics')).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'author_error_cover_none' } });
	});

	it('refuses bad input with a message next to the field, and changes nothing', async () => {
		const save = (file: { name: string; data: Uint8Array } | null, values: Record<string, string>) => saveCourseCover(db, editor, 'basics', { file, alts: alts(values) });
		expect(await save(null, { alt_en: 'Alt.' })).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'file', key: 'author_error_cover_missing' } });
		expect(await save({ name: 'c.png', data: PNG }, { alt_nb: 'Bare norsk.' })).toMatchObject({ ok: false, problem: { field: 'alt_en', key: 'author_error_cover_alt_required' } });
		expect(await save({ name: 'c.png', data: PNG }, { alt_en: 'Alt.', alt_pl: 'Tekst.' })).toMatchObject({
			ok: false,
			problem: { field: 'alt_pl', key: 'author_error_cover_alt_untranslated', params: { language: 'Polski' } }
		});
		expect(await save({ name: 'c.png', data: encode('<html></html>') }, { alt_en: 'Alt.' })).toMatchObject({ ok: false, problem: { field: 'file', key: 'author_error_file_content' } });
		expect(await save({ name: 'c.gif', data: encode('GIF89a') }, { alt_en: 'Alt.' })).toMatchObject({ ok: false, problem: { field: 'file', key: 'author_error_cover_type' } });
		expect(parseForm(coverForm, new FormData()).ok).toBe(true);
		const tooLong = new FormData();
		tooLong.set('alt_en', 'x'.repeat(301));
		expect(parseForm(coverForm, tooLong)).toMatchObject({ ok: false, errors: { alt_en: 'error_too_long' } });
		expect((await db.select().from(courseCoverRevision)).length).toBe(0);
		expect((await listCourses(db, 'en'))[0]!.cover).toBeNull();
	});

	it('answers a learner and a stranger as if there were nothing, and an unknown course with not found', async () => {
		const learner = await person(db, 'learner');
		const upload = { file: { name: 'c.png', data: PNG }, alts: alts({ alt_en: 'Alt.' }) };
		expect(await saveCourseCover(db, learner, 'basics', upload)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await saveCourseCover(db, null, 'basics', upload)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await removeCourseCover(db, learner, 'basics')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await saveCourseCover(db, editor, 'nothing-here', upload)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
	});

	it('exports an uploaded picture as the package’s cover file, and imports it back', async () => {
		const saved = value(await saveCourseCover(db, editor, 'basics', { file: { name: 'c.png', data: PNG }, alts: alts({ alt_en: 'Blue.', alt_nb: 'Blå.' }) }));
		const exported = value(await exportCoursePackage(db, editor, 'basics'));
		const files = unzipSync(exported.data);
		expect(files['courses/basics/cover.png']).toEqual(PNG);
		expect(new TextDecoder().decode(files['courses/basics/course.yaml'])).toContain('cover: cover.png');
		value(await removeCourseCover(db, editor, 'basics'));
		value(await importCoursePackage(db, editor, exported.data, { replace: true }));
		const [nb] = await listCourses(db, 'nb');
		expect(nb!.cover).toEqual({ src: `/media/covers/${saved.sha256}`, alt: 'Blå.', lang: 'nb' });
		const [row] = await db.select({ mime: course.coverMime }).from(course).where(and(eq(course.slug, 'basics')));
		expect(row!.mime).toBe('image/png');
	});
});
