import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, inArray } from 'drizzle-orm';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import {
	course,
	courseModule,
	courseModuleTranslation,
	courseTranslation,
	lesson,
	lessonFile,
	lessonRevision,
	lessonTranslation
} from '../../src/lib/server/db/schema/learn.ts';
import { importFrameworks } from '../../src/lib/server/frameworks/import.ts';
import { importGlossary } from '../../src/lib/server/glossary/import.ts';
import { coursesForEditing, courseForEditing, createCourse, saveCourseTranslation, updateCourseSettings } from '../../src/lib/server/learn/authoring/courses.ts';
import { checkLessonFile, deleteLessonFile, slugifyFileName, uploadLessonFile } from '../../src/lib/server/learn/authoring/files.ts';
import { isSvgDocument } from '../../src/lib/server/learn/content/svg.ts';
import { parseForm } from '../../src/lib/server/forms/index.ts';
import { lessonTextForm } from '../../src/lib/server/learn/authoring/forms.ts';
import { discardLessonDraft, lessonForEditing, previewLessonText, saveLessonDraft, saveLessonText, updateLessonSettings } from '../../src/lib/server/learn/authoring/lesson.ts';
import { bodyLimitFor, PACKAGE_MAX_BYTES } from '../../src/lib/server/learn/authoring/limits.ts';
import { addLesson, addModule, moveLesson, moveModule, setLessonStatus } from '../../src/lib/server/learn/authoring/structure.ts';
import { readCourse } from '../../src/lib/server/learn/content/files.ts';
import { exportCoursePackage, importCoursePackage } from '../../src/lib/server/learn/authoring/package.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import type { Result } from '../../src/lib/server/result/index.ts';

/** The value of a service's result (the test fails on a refusal). */
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}


const FIXTURES = path.resolve('tests/fixtures');
const FIXTURE = 'authoring-fixture';
const CONTENT = path.resolve('content');

/** A content folder holding only the fixture course, to import as the app does at start-up. */
function fixtureContent(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-authoring-'));
	fs.cpSync(path.join(FIXTURES, 'courses', FIXTURE), path.join(dir, 'courses', FIXTURE), { recursive: true });
	return dir;
}

async function editor(db: DbOrTx, role = 'editor'): Promise<NonNullable<Actor>> {
	const [row] = await db
		.insert(user)
		.values({ email: `${role}-${Math.random().toString(36).slice(2)}@example.org`, displayName: 'Edna Editor', locale: 'en', country: 'CZ', sector: 'other', role })
		.returning();
	return { id: row!.id, role, emailVerified: true, totpEnabled: true, secondFactorVerified: true };
}

/** Everything a package carries, without ids and timestamps: the rows a round trip must keep. */
async function snapshot(db: DbOrTx, slug: string) {
	const [c] = await db.select().from(course).where(eq(course.slug, slug));
	if (!c) return undefined;
	const modules = await db.select().from(courseModule).where(eq(courseModule.courseId, c.id)).orderBy(asc(courseModule.position));
	const lessons = await db.select().from(lesson).where(eq(lesson.courseId, c.id)).orderBy(asc(lesson.position));
	const ids = lessons.map((l) => l.id);
	const about = (t: { locale: string; title: string; summary: string; audience: string; why: string; outcomes: string[] }) => ({
		locale: t.locale,
		title: t.title,
		summary: t.summary,
		audience: t.audience,
		why: t.why,
		outcomes: t.outcomes
	});
	const byLocale = (a: { locale: string }, b: { locale: string }) => a.locale.localeCompare(b.locale);
	const courseTexts = await db.select().from(courseTranslation).where(eq(courseTranslation.courseId, c.id));
	const moduleTexts = await db.select().from(courseModuleTranslation).where(inArray(courseModuleTranslation.moduleId, modules.map((m) => m.id)));
	const lessonTexts = await db.select().from(lessonTranslation).where(inArray(lessonTranslation.lessonId, ids));
	const files = await db
		.select({ lessonId: lessonFile.lessonId, name: lessonFile.name, mime: lessonFile.mime, size: lessonFile.size, sha256: lessonFile.sha256 })
		.from(lessonFile)
		.where(inArray(lessonFile.lessonId, ids));
	return {
		course: { slug: c.slug, status: c.status, pathway: c.pathway, level: c.level, competenceAreas: c.competenceAreas },
		translations: courseTexts.map(about).sort(byLocale),
		modules: modules.map((m) => ({
			key: m.key,
			position: m.position,
			status: m.status,
			pathway: m.pathway,
			level: m.level,
			competenceAreas: m.competenceAreas,
			hours: m.hours,
			references: m.references,
			translations: moduleTexts.filter((t) => t.moduleId === m.id).map(about).sort(byLocale),
			lessons: lessons
				.filter((l) => l.moduleId === m.id)
				.map((l) => ({
					key: l.key,
					position: l.position,
					status: l.status,
					minutes: l.minutes,
					completion: l.completion,
					media: l.media,
					activities: l.activities,
					translations: lessonTexts
						.filter((t) => t.lessonId === l.id)
						.map((t) => ({ locale: t.locale, title: t.title, summary: t.summary, body: t.body, narration: t.narration, activities: t.activities }))
						.sort(byLocale),
					files: files
						.filter((f) => f.lessonId === l.id)
						.map(({ lessonId: _, ...f }) => f)
						.sort((a, b) => a.name.localeCompare(b.name))
				}))
		}))
	};
}

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
};

/** A lesson text as the editor's form would send it. */
function textInput(fields: Partial<Record<'title' | 'summary' | 'body' | 'narration' | 'activities', string>>) {
	const parsed = parseForm(lessonTextForm, form({ title: '', summary: '', body: '', narration: '', activities: '', ...fields }));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('upload checks (no database)', () => {
	it('slugifies file names, keeping the dots of narration files', () => {
		expect(slugifyFileName('Mapa Kariéry (v2).PNG')).toBe('mapa-kariery-v2.png');
		expect(slugifyFileName('narration.cs.mp3')).toBe('narration.cs.mp3');
		expect(slugifyFileName('C:\\Users\\me\\Ødegård plan.svg')).toBe('odegard-plan.svg');
		expect(slugifyFileName('../../etc/passwd')).toBeNull();
		expect(slugifyFileName('.png')).toBeNull();
	});

	it('accepts each type by its content (file-type) and refuses a mismatch, an unknown type or an oversize file', async () => {
		const ok = async (name: string, bytes: number[] | string) => checkLessonFile(name, typeof bytes === 'string' ? strToU8(bytes) : new Uint8Array(bytes));
		expect(await ok('a.png', [...PNG])).toMatchObject({ ok: true });
		expect(await ok('a.jpg', [0xff, 0xd8, 0xff, 0xe0])).toMatchObject({ ok: true });
		expect(await ok('a.webp', 'RIFF\x10\x00\x00\x00WEBPVP8 ')).toMatchObject({ ok: true });
		expect(await ok('a.mp3', [...strToU8('ID3'), 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64, ...Array(400).fill(0)])).toMatchObject({ ok: true });
		expect(await ok('b.mp3', [0xff, 0xfb, 0x90, 0x64])).toMatchObject({ ok: true });
		expect(await ok('a.webm', [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, ...strToU8('webm'), 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02])).toMatchObject({ ok: true });
		expect(await ok('a.mp4', [0, 0, 0, 0x18, ...strToU8('ftypisom'), 0, 0, 2, 0, ...strToU8('isomiso2')])).toMatchObject({ ok: true });
		expect(await ok('a.vtt', '\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nHi\n')).toMatchObject({ ok: true });
		expect(await ok('a.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')).toMatchObject({ ok: true });

		expect(await ok('a.png', [0xff, 0xd8, 0xff, 0xe0])).toMatchObject({ ok: false, key: 'author_error_file_content', params: { name: 'a.png', type: 'PNG' } });
		expect(await ok('a.jpg', [...PNG])).toMatchObject({ ok: false, key: 'author_error_file_content' });
		expect(await ok('a.mp4', 'not a video at all')).toMatchObject({ ok: false, key: 'author_error_file_content' });
		expect(await ok('a.vtt', 'WEBVTTX\n')).toMatchObject({ ok: false, key: 'author_error_file_content' });
		expect(await ok('a.png', [])).toMatchObject({ ok: false, key: 'author_error_file_content' });
		expect(await ok('a.exe', 'MZ')).toMatchObject({ ok: false, key: 'author_error_file_type' });
		expect(await ok('a.html', '<html>')).toMatchObject({ ok: false, key: 'author_error_file_type' });
		const big = new Uint8Array(2 * 1024 * 1024 + 1);
		big.set(PNG);
		expect(await checkLessonFile('big.png', big)).toMatchObject({ ok: false, key: 'author_error_file_too_large', params: { size: '2 MB' } });
	});

	it('takes an SVG only when it is well-formed XML with an svg root and nothing active in it', async () => {
		expect(isSvgDocument('<?xml version="1.0"?>\n<!-- c --><svg><g><![CDATA[x]]></g><path d="M0 0"/></svg>\n')).toBe(true);
		expect(isSvgDocument('<svg><g></svg>')).toBe(false);
		expect(isSvgDocument('<svg></svg><svg></svg>')).toBe(false);
		expect(isSvgDocument('<html><svg></svg></html>')).toBe(false);
		expect(isSvgDocument('<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>')).toBe(false);
		expect(isSvgDocument('<svg width=1></svg>')).toBe(false);
		expect(isSvgDocument('<svg>a & b</svg>')).toBe(false);
		const svg = async (inner: string) => checkLessonFile('x.svg', strToU8(`<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`));
		expect(await svg('<script>alert(1)</script>')).toMatchObject({ ok: false, key: 'author_error_svg_unsafe' });
		expect(await svg('<rect onload="alert(1)"/>')).toMatchObject({ ok: false, key: 'author_error_svg_unsafe' });
		expect(await svg('<a href="javascript:alert(1)"><text>x</text></a>')).toMatchObject({ ok: false, key: 'author_error_svg_unsafe' });
		expect(await checkLessonFile('x.svg', strToU8('<svg><rect></svg>'))).toMatchObject({ ok: false, key: 'author_error_file_content' });
	});

	it('raises the body limit only for the course editor, in line with the package and media limits', () => {
		expect(bodyLimitFor('/en/signin')).toBe(512 * 1024);
		expect(bodyLimitFor('/cs/editor/courses/x/lessons/y?/upload')).toBeGreaterThan(PACKAGE_MAX_BYTES);
		expect(bodyLimitFor('/en/editor/courses?/import')).toBeGreaterThan(PACKAGE_MAX_BYTES);
		expect(bodyLimitFor('/en/editor/coursesx?/import')).toBe(512 * 1024);
	});
});

describe.each(testDatabases())('course authoring on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	let ed: NonNullable<Actor>;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [fixtureContent()]);
		ed = await editor(db);
	});
	afterEach(async () => {
		await database.close();
	});

	const edited = async () => (await db.select({ e: course.editedInPlatform }).from(course).where(eq(course.slug, FIXTURE)))[0]!.e;

	it('refuses everyone without the editor right and two-step sign-in', async () => {
		const member = await editor(db, 'member');
		const noSecondFactor = { ...ed, secondFactorVerified: false };
		for (const actor of [null, member, noSecondFactor]) {
			expect(await moveModule(db, actor, FIXTURE, 1, 'down')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
			expect(await saveLessonText(db, actor, FIXTURE, 'intro', 'cs', textInput({ title: 'X' }))).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
			expect(await exportCoursePackage(db, actor, FIXTURE)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		}
		expect(await edited()).toBe(false);
	});

	it('reorders modules and lessons by swapping neighbours, and keeps the order valid at the ends', async () => {
		const before = value(await courseForEditing(db, ed, FIXTURE, 'en'));
		expect(before!.modules.map((m) => m.key)).toEqual(['basics', 'practice']);
		const [basics, practice] = before!.modules;
		expect(await moveModule(db, ed, FIXTURE, basics!.id, 'up')).toEqual({ ok: true, value: null });
		expect(await moveModule(db, ed, FIXTURE, basics!.id, 'down')).toEqual({ ok: true, value: null });
		expect(await moveModule(db, ed, FIXTURE, 999_999, 'down')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		const [intro, activities] = basics!.lessons;
		expect(await moveLesson(db, ed, FIXTURE, activities!.id, 'up')).toEqual({ ok: true, value: null });

		const after = value(await courseForEditing(db, ed, FIXTURE, 'en'));
		expect(after!.modules.map((m) => m.key)).toEqual(['practice', 'basics']);
		expect(after!.modules[1]!.lessons.map((l) => l.key)).toEqual(['with-activities', 'intro']);
		expect(practice!.id).toBe(after!.modules[0]!.id);
		const positions = await db.select({ key: courseModule.key, position: courseModule.position }).from(courseModule).orderBy(asc(courseModule.position));
		expect(positions).toEqual([
			{ key: 'practice', position: 0 },
			{ key: 'basics', position: 1 }
		]);
		expect(intro!.id).toBe(after!.modules[1]!.lessons[1]!.id);
		expect(await edited()).toBe(true);
	});

	it('previews with the learner renderer without saving, then saves with a revision and keeps it out of date against English', async () => {
		const preview = await previewLessonText(db, ed, FIXTURE, 'intro', 'cs', textInput({ title: 'Úvod', body: '## Co to je\n\n![Schéma kurzu](diagram.png)\n\n::: tip\nKlid.\n:::\n\n<b>raw</b>' }));
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		expect(preview.value.title).toBe('Úvod');
		expect(preview.value.html).toMatch(/<img src="\/media\/[0-9a-f]{64}\/diagram\.png" alt="Schéma kurzu"/);
		expect(preview.value.html).toContain('callout-tip');
		expect(preview.value.html).toContain('&lt;b&gt;raw&lt;/b&gt;');
		expect(await db.select().from(lessonRevision)).toEqual([]);
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs')).target).toBeUndefined();

		expect(await saveLessonText(db, ed, FIXTURE, 'intro', 'cs', textInput({ title: 'Úvod', body: 'První verze.' }))).toEqual({ ok: true, value: null });
		expect(await saveLessonText(db, ed, FIXTURE, 'intro', 'cs', textInput({ title: 'Úvod do kurzu', body: 'Druhá verze.', summary: 'Shrnutí.' }))).toEqual({ ok: true, value: null });
		const cs = value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs'));
		expect(cs!.target).toMatchObject({ title: 'Úvod do kurzu', summary: 'Shrnutí.', body: 'Druhá verze.' });
		expect(cs!.revisions).toMatchObject([
			{ previousTitle: 'Úvod', previousBody: 'První verze.', title: 'Úvod do kurzu', body: 'Druhá verze.', editorName: 'Edna Editor' },
			{ previousTitle: null, previousBody: null, title: 'Úvod', body: 'První verze.' }
		]);
		expect(cs!.outdated).toBe(false);
		expect(await edited()).toBe(true);

		// The English source changes afterwards: the Czech text is now out of date.
		const en = value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'en'));
		const narration = en!.source!.narration.join('\n');
		expect(await saveLessonText(db, ed, FIXTURE, 'intro', 'en', textInput({ title: 'Introduction', body: 'New English text.', narration }))).toMatchObject({ ok: true });
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs')).outdated).toBe(true);
		const overview = value(await coursesForEditing(db, ed));
		expect(overview.find((c) => c.slug === FIXTURE)!.counts.find((c) => c.locale === 'cs')).toEqual({ locale: 'cs', translated: 2, missing: 1, outdated: 1 });
		expect(overview.find((c) => c.slug === FIXTURE)!.counts.find((c) => c.locale === 'en')).toEqual({ locale: 'en', translated: 3, missing: 0, outdated: 0 });
	});

	it('keeps an editor’s unsaved text as a draft for that editor until they save or discard it', async () => {
		const other = await editor(db);
		expect(await saveLessonDraft(db, null, FIXTURE, 'intro', 'cs', { title: 'X' })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await saveLessonDraft(db, ed, FIXTURE, 'intro', 'cs', { title: 'Rozepsaný úvod', body: 'Napůl hotový text' })).toEqual({ ok: true, value: null });
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs')).draft?.fields).toEqual({ title: 'Rozepsaný úvod', body: 'Napůl hotový text' });
		// Drafts are per editor and per language.
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'en')).draft).toBeNull();
		expect(value(await lessonForEditing(db, other, FIXTURE, 'intro', 'cs')).draft).toBeNull();
		expect(await saveLessonText(db, ed, FIXTURE, 'intro', 'cs', textInput({ title: 'Úvod', body: 'Hotový text.' }))).toMatchObject({ ok: true });
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs')).draft).toBeNull();
		await saveLessonDraft(db, ed, FIXTURE, 'intro', 'cs', { title: 'Další pokus' });
		expect(await discardLessonDraft(db, ed, FIXTURE, 'intro', 'cs')).toEqual({ ok: true, value: null });
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs')).draft).toBeNull();
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'cs')).target).toMatchObject({ title: 'Úvod', body: 'Hotový text.' });
	});

	it('checks a text like a content file and names the field: activity YAML, activity keys, images, links, narration', async () => {
		const en = value(await lessonForEditing(db, ed, FIXTURE, 'with-activities', 'cs'));
		const yaml = en!.activities;
		expect(yaml).toContain('check:');
		const save = (fields: Parameters<typeof textInput>[0], lessonKey = 'with-activities', locale: 'cs' | 'en' | 'nb' = 'cs') =>
			saveLessonText(db, ed, FIXTURE, lessonKey, locale, textInput({ title: 'Aktivity', body: 'Text.', activities: yaml, ...fields }));

		expect(await save({ activities: 'check: [unclosed' })).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'activities', key: 'author_error_yaml' } });
		expect(await save({ activities: yaml.replace(/\nreflect:[\s\S]*?(?=\ncase:)/, '') })).toMatchObject({
			ok: false,
			problem: { field: 'activities', key: 'author_error_content', params: { field: 'activities.reflect', reason: 'is required' } }
		});
		expect(await save({ activities: yaml.replace('prompt: Co děláte?', 'prompt: ""') })).toMatchObject({
			ok: false,
			problem: { field: 'activities', key: 'author_error_content', params: { field: 'activities.reflect.prompt' } }
		});
		expect(await save({ activities: `${yaml}extra:\n  title: X\n  prompt: Y\n` })).toMatchObject({ ok: false, problem: { params: { field: 'activities.extra' } } });
		expect(await save({ body: '![](diagram.png)' })).toMatchObject({ ok: false, problem: { field: 'body', key: 'author_error_image_alt' } });
		expect(await save({ body: '![Obrázek](missing.png)' })).toMatchObject({ ok: false, problem: { field: 'body', key: 'author_error_image_missing', params: { src: 'missing.png' } } });
		expect(await save({ body: '[pojem](glossary:no-such-term)' })).toMatchObject({ ok: false, problem: { field: 'body', key: 'author_error_link', params: { target: 'glossary:no-such-term' } } });
		// A narrated lesson: narration in a language needs its media files; English needs narration.
		expect(await save({ activities: '', narration: 'Jedna věta.' }, 'intro', 'cs')).toMatchObject({
			ok: false,
			problem: { field: 'narration', key: 'author_error_narration_files', params: { files: 'narration.cs.mp3, narration.cs.vtt' } }
		});
		expect(await save({ activities: '', narration: '' }, 'intro', 'en')).toMatchObject({ ok: false, problem: { field: 'narration', key: 'author_error_narration_required' } });
		expect(await db.select().from(lessonRevision)).toEqual([]);
		expect(await save({ title: 'Aktivity (nové)' })).toEqual({ ok: true, value: null });
	});

	it('keeps the editors’ version when the content import runs again, unless forced', async () => {
		const dir = fixtureContent();
		expect(await saveLessonText(db, ed, FIXTURE, 'with-activities', 'en', textInput({ title: 'Activities, edited', body: 'Edited.', activities: value(await lessonForEditing(db, ed, FIXTURE, 'with-activities', 'en')).activities }))).toMatchObject({ ok: true });
		const en = path.join(dir, 'courses', FIXTURE, 'basics', 'with-activities', 'en.md');
		fs.writeFileSync(en, fs.readFileSync(en, 'utf8').replace('title: "Activities"', 'title: "Activities, from the file"'));

		const reports = await importAllContent(db, dir);
		expect(reports.find((r) => r.type === 'courses')!.keptEditorVersion).toEqual([FIXTURE]);
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'with-activities', 'en')).target!.title).toBe('Activities, edited');

		await importAllContent(db, dir, { force: true });
		expect(value(await lessonForEditing(db, ed, FIXTURE, 'with-activities', 'en')).target!.title).toBe('Activities, from the file');
		expect(await edited()).toBe(false);
	});

	it('uploads files under slugified names after checking type, size and content; refuses to delete a file in use', async () => {
		const upload = (name: string, data: Uint8Array) => uploadLessonFile(db, ed, FIXTURE, 'intro', { name, data });
		expect(await upload('Nový Diagram.PNG', PNG)).toEqual({ ok: true, value: { name: 'novy-diagram.png' } });
		expect(await upload('fake.png', strToU8('GIF89a'))).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'file', key: 'author_error_file_content' } });
		expect(await upload('movie.avi', strToU8('RIFF'))).toMatchObject({ ok: false, problem: { kind: 'invalid', key: 'author_error_file_type' } });
		expect(await upload('evil.svg', strToU8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'))).toMatchObject({ ok: false, problem: { key: 'author_error_svg_unsafe' } });
		const big = new Uint8Array(256 * 1024 + 1);
		big.set(strToU8('WEBVTT\n'));
		expect(await upload('captions.vtt', big)).toMatchObject({ ok: false, problem: { kind: 'too_large', key: 'author_error_file_too_large', params: { size: '256 KB' } } });
		expect(await upload('.png', PNG)).toMatchObject({ ok: false, problem: { key: 'author_error_file_name' } });

		const names = value(await lessonForEditing(db, ed, FIXTURE, 'intro', 'en')).files.map((f) => f.name);
		expect(names).toEqual(['diagram.png', 'icon.svg', 'narration.en.mp3', 'narration.en.vtt', 'novy-diagram.png']);
		expect(await deleteLessonFile(db, ed, FIXTURE, 'intro', 'diagram.png')).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'author_error_file_in_use', params: { language: 'English' } } });
		expect(await deleteLessonFile(db, ed, FIXTURE, 'intro', 'narration.en.vtt')).toMatchObject({ ok: false, problem: { key: 'author_error_file_in_use' } });
		expect(await deleteLessonFile(db, ed, FIXTURE, 'intro', 'icon.svg')).toEqual({ ok: true, value: { name: 'icon.svg' } });
		expect(await deleteLessonFile(db, ed, FIXTURE, 'intro', 'icon.svg')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await edited()).toBe(true);
	});

	it('creates a valid draft course, adds modules and lessons, and checks settings', async () => {
		const input = { slug: 'new-course', title: 'New course', summary: 'A summary.', audience: 'Everyone.', why: 'Because.', outcome: 'Do things.', pathway: 'cpd', level: 'skilled' } as const;
		expect(await createCourse(db, ed, input)).toEqual({ ok: true, value: { slug: 'new-course' } });
		expect(await createCourse(db, ed, input)).toMatchObject({ ok: false, problem: { kind: 'conflict', field: 'slug', key: 'author_error_slug_taken' } });
		expect(await addModule(db, ed, 'new-course', { key: 'module-1', title: 'M', summary: 'S', hours: 1, lessonKey: 'x', lessonTitle: 'X' })).toMatchObject({ ok: false, problem: { field: 'key', key: 'author_error_key_taken' } });
		expect(await addModule(db, ed, 'new-course', { key: 'second', title: 'Second', summary: 'S', hours: 2, lessonKey: 'lesson-1', lessonTitle: 'X' })).toMatchObject({ ok: false, problem: { field: 'lessonKey' } });
		expect(await addModule(db, ed, 'new-course', { key: 'second', title: 'Second', summary: 'S', hours: 2, lessonKey: 'second-start', lessonTitle: 'Start' })).toEqual({ ok: true, value: { key: 'second' } });
		expect(await addLesson(db, ed, 'new-course', 'second', { key: 'more', title: 'More', minutes: 20 })).toEqual({ ok: true, value: { key: 'more' } });
		expect(await updateLessonSettings(db, ed, 'new-course', 'more', { minutes: 25, completion: 'quiz', status: 'published' })).toMatchObject({ ok: false, problem: { field: 'completion', key: 'author_error_completion_quiz' } });
		expect(await updateCourseSettings(db, ed, 'new-course', { status: 'published', pathway: 'cpd', level: 'skilled', competenceAreas: ['area-99'] })).toMatchObject({ ok: false, problem: { field: 'competenceAreas', params: { key: 'area-99' } } });
		expect(await updateCourseSettings(db, ed, 'new-course', { status: 'published', pathway: 'advanced', level: 'specialised', competenceAreas: [] })).toEqual({ ok: true, value: null });
		expect(await saveCourseTranslation(db, ed, 'new-course', 'pl', { title: 'Nowy kurs', summary: 'S.', audience: 'A.', why: 'W.', outcomes: ['O.'] })).toEqual({ ok: true, value: null });

		const outline = value(await courseForEditing(db, ed, 'new-course', 'pl'));
		expect(outline).toMatchObject({ status: 'published', pathway: 'advanced', target: { title: 'Nowy kurs' } });
		expect(outline!.modules.map((m) => [m.key, m.status, m.lessons.map((l) => [l.key, l.status])])).toEqual([
			['module-1', 'published', [['lesson-1', 'published']]],
			['second', 'draft', [['second-start', 'published'], ['more', 'draft']]]
		]);
		// What the editor made is a valid package.
		const exported = await exportCoursePackage(db, ed, 'new-course');
		if (!exported.ok) throw new Error('export failed');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-export-'));
		for (const [name, bytes] of Object.entries(unzipSync(exported.value.data))) {
			fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
			fs.writeFileSync(path.join(dir, name), bytes);
		}
		const read = readCourse(dir, 'courses/new-course', 'new-course');
		expect(read.modules.map((m) => m.lessons.map((l) => [l.key, l.structure.status]))).toEqual([[['lesson-1', 'published']], [['second-start', 'published'], ['more', 'draft']]]);
		expect(Object.keys(read.data.translations)).toEqual(['en', 'pl']);
	});

	it('exports a package in the content format and imports it into a fresh database without losing anything', async () => {
		// Editors' changes must be in the package: an unpublished lesson, a moved module, a new text.
		const c = value(await courseForEditing(db, ed, FIXTURE, 'en'));
		await setLessonStatus(db, ed, FIXTURE, c!.modules[0]!.lessons[1]!.id, 'draft');
		await moveModule(db, ed, FIXTURE, c!.modules[1]!.id, 'up');
		await saveLessonText(db, ed, FIXTURE, 'with-activities', 'sk', textInput({ title: 'Aktivity', body: 'Odpovedzte.', activities: value(await lessonForEditing(db, ed, FIXTURE, 'with-activities', 'cs')).activities }));
		const original = await snapshot(db, FIXTURE);

		const exported = await exportCoursePackage(db, ed, FIXTURE);
		if (!exported.ok) throw new Error('export failed');
		expect(exported.value.fileName).toBe(`${FIXTURE}.zip`);
		const entries = Object.keys(unzipSync(exported.value.data)).sort();
		expect(entries).toContain(`courses/${FIXTURE}/course.yaml`);
		expect(entries).toContain(`courses/${FIXTURE}/basics/module.yaml`);
		expect(entries).toContain(`courses/${FIXTURE}/basics/intro/lesson.yaml`);
		expect(entries).toContain(`courses/${FIXTURE}/basics/intro/diagram.png`);
		expect(entries).toContain(`courses/${FIXTURE}/basics/with-activities/sk.md`);
		expect(entries.every((e) => e.startsWith(`courses/${FIXTURE}/`))).toBe(true);

		const fresh = await open();
		try {
			const other = await editor(fresh.db);
			expect(await importCoursePackage(fresh.db, other, exported.value.data, { replace: false })).toEqual({ ok: true, value: { slug: FIXTURE, created: true } });
			expect(await snapshot(fresh.db, FIXTURE)).toEqual(original);
			const [row] = await fresh.db.select({ e: course.editedInPlatform }).from(course);
			expect(row!.e).toBe(true);
			// The same package again: refused unless replacing is asked for, then nothing changes.
			expect(await importCoursePackage(fresh.db, other, exported.value.data, { replace: false })).toMatchObject({ ok: false, problem: { kind: 'conflict', field: 'replace' } });
			expect(await importCoursePackage(fresh.db, other, exported.value.data, { replace: true })).toEqual({ ok: true, value: { slug: FIXTURE, created: false } });
			expect(await snapshot(fresh.db, FIXTURE)).toEqual(original);
		} finally {
			await fresh.close();
		}
	});

	it('refuses unsafe or invalid packages with the file and field, and changes nothing', async () => {
		const exported = await exportCoursePackage(db, ed, FIXTURE);
		if (!exported.ok) throw new Error('export failed');
		const files = unzipSync(exported.value.data);
		const withFiles = (change: (f: Record<string, Uint8Array>) => void) => {
			const copy = { ...files };
			change(copy);
			return zipSync(copy);
		};
		const attempt = (data: Uint8Array) => importCoursePackage(db, ed, data, { replace: true });
		const before = await snapshot(db, FIXTURE);

		expect(await attempt(strToU8('not a zip'))).toMatchObject({ ok: false, problem: { field: 'package', key: 'author_error_zip' } });
		expect(await attempt(withFiles((f) => (f['courses/../../evil.yaml'] = strToU8('x'))))).toMatchObject({ ok: false, problem: { key: 'author_error_zip_path' } });
		expect(await attempt(withFiles((f) => (f['/etc/passwd'] = strToU8('x'))))).toMatchObject({ ok: false, problem: { key: 'author_error_zip_path' } });
		expect(await attempt(withFiles((f) => (f['elsewhere/file.txt'] = strToU8('x'))))).toMatchObject({ ok: false, problem: { key: 'author_error_zip_path' } });
		expect(await attempt(withFiles((f) => (f['courses/other-course/course.yaml'] = strToU8('x'))))).toMatchObject({ ok: false, problem: { key: 'author_error_zip_two_courses' } });
		expect(await attempt(zipSync({}))).toMatchObject({ ok: false, problem: { key: 'author_error_zip_empty' } });
		expect(
			await attempt(
				withFiles((f) => {
					const key = `courses/${FIXTURE}/basics/with-activities/cs.md`;
					f[key] = strToU8(new TextDecoder().decode(f[key]).replace(/ {2}reflect:\n.*\n.*\n/, ''));
				})
			)
		).toMatchObject({
			ok: false,
			problem: { key: 'author_error_package', params: { file: `courses/${FIXTURE}/basics/with-activities/cs.md`, field: 'activities.reflect', reason: 'is required' } }
		});
		expect(
			await attempt(withFiles((f) => (f[`courses/${FIXTURE}/basics/intro/en.md`] = strToU8(new TextDecoder().decode(f[`courses/${FIXTURE}/basics/intro/en.md`]).replace('Take your time.', '[x](glossary:nothing)')))))
		).toMatchObject({ ok: false, problem: { key: 'author_error_package', params: { field: 'body' } } });
		expect(await attempt(withFiles((f) => (f[`courses/${FIXTURE}/basics/intro/diagram.png`] = strToU8('<html>'))))).toMatchObject({
			ok: false,
			problem: { key: 'author_error_file_content', params: { name: `courses/${FIXTURE}/basics/intro/diagram.png` } }
		});
		expect(await attempt(new Uint8Array(PACKAGE_MAX_BYTES + 1))).toMatchObject({ ok: false, problem: { kind: 'too_large', key: 'author_error_package_too_large' } });
		expect(await snapshot(db, FIXTURE)).toEqual(before);
	});

	it('round-trips the shipped starter course through a package', async () => {
		const starter = fs.existsSync(path.join(CONTENT, 'courses', 'foundations', 'course.yaml'));
		if (!starter) return;
		// The course, and what its lessons link to (the platform's glossary and frameworks): nothing else.
		await importAllContent(db, CONTENT, { only: ['glossary', 'frameworks', 'courses'] });
		const original = await snapshot(db, 'foundations');
		const exported = await exportCoursePackage(db, ed, 'foundations');
		if (!exported.ok) throw new Error('export failed');

		const fresh = await open();
		try {
			// The package links to glossary terms and framework nodes: those come with the platform.
			await importGlossary(fresh.db, CONTENT, {});
			await importFrameworks(fresh.db, CONTENT, {});
			const result = await importCoursePackage(fresh.db, await editor(fresh.db), exported.value.data, { replace: false });
			expect(result).toEqual({ ok: true, value: { slug: 'foundations', created: true } });
			expect(await snapshot(fresh.db, 'foundations')).toEqual(original);
		} finally {
			await fresh.close();
		}
		// And the package is what the content reader makes of the files themselves.
		const fromFiles = readCourse(CONTENT, 'courses/foundations', 'foundations');
		expect(fromFiles.modules.map((m) => m.key)).toEqual(original!.modules.map((m) => m.key));
	}, 120_000);
});
