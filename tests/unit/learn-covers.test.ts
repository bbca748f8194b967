import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { findCourseCover, getCourseOutline, listCourses } from '../../src/lib/server/learn/catalogue/catalogue.ts';
import { exportCoursePackage } from '../../src/lib/server/learn/authoring/package.ts';
import { readCourse } from '../../src/lib/server/learn/content/files.ts';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { testDatabases } from '../helpers/db.ts';

const COVER = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 36"><rect width="64" height="36" fill="#e8f0fa"/><circle cx="48" cy="12" r="6" fill="#f6c66b"/></svg>\n';
const editor = { id: '00000000-0000-4000-8000-0000000000ed', role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true };

/** The test course with a cover file and the alt texts given (by locale) in its course.yaml. */
function courseWithCover(svg: string | null, alts: Record<string, string>): string {
	const root = writeTestCourse();
	const yaml = path.join(root, 'courses/basics/course.yaml');
	let text = fs.readFileSync(yaml, 'utf8').replace('modules: [first, second]', 'cover: cover.svg\nmodules: [first, second]');
	for (const [locale, alt] of Object.entries(alts)) text = text.replace(new RegExp(`(  ${locale}:\\n    title: "[^"]*")`), `$1\n    coverAlt: "${alt}"`);
	fs.writeFileSync(yaml, text);
	if (svg !== null) fs.writeFileSync(path.join(root, 'courses/basics/cover.svg'), svg);
	return root;
}

/** The cover served at a catalogue entry's address, as text. */
async function served(db: Database['db'], src: string): Promise<string> {
	const found = await findCourseCover(db, src.replace('/media/covers/', ''));
	return new TextDecoder().decode(found!.data);
}

describe.each(testDatabases())('course covers on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('shows a course’s cover with its alt text in the reader’s language, and keeps both in an exported package', async () => {
		await importAllContent(database.db, courseWithCover(COVER, { en: 'A sun over a pale sky.', nb: 'En sol på en blek himmel.' }));
		const [nb] = await listCourses(database.db, 'nb');
		expect(nb!.cover!.src).toMatch(/^\/media\/covers\/[0-9a-f]{64}$/);
		expect(await served(database.db, nb!.cover!.src)).toBe(COVER);
		expect(nb!.cover!.alt).toBe('En sol på en blek himmel.');
		expect((await getCourseOutline(database.db, 'basics', 'en'))!.cover).toMatchObject({ alt: 'A sun over a pale sky.' });
		// No Polish translation: the English wording and its alt text.
		expect((await getCourseOutline(database.db, 'basics', 'pl'))!.cover).toMatchObject({ alt: 'A sun over a pale sky.' });

		const exported = await exportCoursePackage(database.db, editor, 'basics');
		if (!exported.ok) throw new Error('export failed');
		const files = unzipSync(exported.value.data);
		expect(new TextDecoder().decode(files['courses/basics/cover.svg'])).toBe(COVER);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-cover-'));
		for (const [name, bytes] of Object.entries(files)) {
			fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
			fs.writeFileSync(path.join(dir, name), bytes);
		}
		const read = readCourse(dir, 'courses/basics', 'basics');
		expect(new TextDecoder().decode(read.cover!.data)).toBe(COVER);
		expect(read.data.translations.nb?.coverAlt).toBe('En sol på en blek himmel.');
	});

	it('a course without a cover has none', async () => {
		await importAllContent(database.db, writeTestCourse());
		expect((await listCourses(database.db, 'en'))[0]!.cover).toBeNull();
	});

	it.each([
		['a script in the SVG', COVER.replace('<rect', '<script>alert(1)</script><rect'), { en: 'Alt.' }, 'courses/basics/cover.svg'],
		['an event handler', COVER.replace('<rect', '<rect onload="alert(1)"'), { en: 'Alt.' }, 'courses/basics/cover.svg'],
		['a file that is not SVG', '<html><body>no</body></html>', { en: 'Alt.' }, 'not a well-formed SVG'],
		['no file', null, { en: 'Alt.' }, 'there is no file "cover.svg"'],
		['no English alt text', COVER, { nb: 'Bare norsk.' }, 'translations.en.coverAlt']
	])('refuses a cover with %s, naming the file or the field', async (_, svg, alts, message) => {
		await expect(importAllContent(database.db, courseWithCover(svg, alts))).rejects.toThrowError(message);
		expect(await listCourses(database.db, 'en', true)).toEqual([]);
	});
});

describe('shipped courses', () => {
	it('each has a cover with alt text in all five languages', () => {
		const root = path.resolve('content');
		for (const slug of fs.readdirSync(path.join(root, 'courses'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
			const c = readCourse(root, path.join('courses', slug), slug);
			expect(new TextDecoder().decode(c.cover!.data), slug).toMatch(/^<svg /);
			for (const locale of ['en', 'nb', 'cs', 'sk', 'pl'] as const) expect(c.data.translations[locale]?.coverAlt, `${slug} ${locale}`).toBeTruthy();
		}
	});
});
