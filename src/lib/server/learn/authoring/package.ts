import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, inArray } from 'drizzle-orm';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { DbOrTx } from '../../db/client.ts';
import { ContentError } from '../../content/errors.ts';
import { SLUG } from '../../forms/index.ts';
import { course, courseModule, courseModuleTranslation, courseTranslation, lesson, lessonFile, lessonTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import { courseIdOf, done, forbidden, formatBytes, markEdited, mayAuthor, notFound, reasonOf, refuse } from './common.ts';
import type { Result } from '../../result/index.ts';
import { checkLessonFile } from './files.ts';
import { courseYaml, lessonMarkdown, lessonYaml, moduleYaml } from './format.ts';
import { PACKAGE_MAX_BYTES, PACKAGE_MAX_ENTRIES, PACKAGE_MAX_UNPACKED_BYTES } from './limits.ts';
import { coverBytesMatch, coverFileName, readCourse, type CourseSource } from '../content/index.ts';
import { writeCourse } from '../content/index.ts';
import { checkLinks, loadLinkTargets } from '../content/index.ts';

// A course package is a .zip holding `courses/<slug>/…` exactly as content/courses/FORMAT.md lays
// it out, so a package can be committed to content/ as it is, and content/ can be zipped and imported.

const encoder = new TextEncoder();
// Already compressed: storing them is as small and much faster.
const STORED = /\.(png|jpe?g|webp|mp3|webm|mp4)$/;

/**
 * The course as a package, made from the database (so editors' changes are in it): course.yaml,
 * a folder per module with module.yaml, a folder per lesson with lesson.yaml, one Markdown file per
 * language and the lesson's files.
 */
export async function exportCoursePackage(db: DbOrTx, actor: Actor, slug: string): Promise<Result<{ fileName: string; data: Uint8Array }>> {
	if (!mayAuthor(actor)) return forbidden();
	const [c] = await db.select().from(course).where(eq(course.slug, slug));
	if (!c) return notFound();
	const modules = await db.select().from(courseModule).where(eq(courseModule.courseId, c.id)).orderBy(asc(courseModule.position), asc(courseModule.id));
	const moduleIds = modules.map((m) => m.id);
	const lessons = await db.select().from(lesson).where(eq(lesson.courseId, c.id)).orderBy(asc(lesson.position), asc(lesson.id));
	const lessonIds = lessons.map((l) => l.id);
	const courseTexts = await db.select().from(courseTranslation).where(eq(courseTranslation.courseId, c.id));
	const moduleTexts = moduleIds.length ? await db.select().from(courseModuleTranslation).where(inArray(courseModuleTranslation.moduleId, moduleIds)) : [];
	const lessonTexts = lessonIds.length ? await db.select().from(lessonTranslation).where(inArray(lessonTranslation.lessonId, lessonIds)) : [];
	const files = lessonIds.length
		? await db.select({ lessonId: lessonFile.lessonId, name: lessonFile.name, data: lessonFile.data }).from(lessonFile).where(inArray(lessonFile.lessonId, lessonIds))
		: [];

	const root = `courses/${c.slug}`;
	const zip: Zippable = {};
	const text = (name: string, content: string) => (zip[name] = encoder.encode(content));
	const coverFile = c.coverData && c.coverMime ? coverFileName(c.coverMime) : null;
	text(`${root}/course.yaml`, courseYaml({ ...c, coverFile }, modules.map((m) => m.key), courseTexts));
	if (coverFile) zip[`${root}/${coverFile}`] = new Uint8Array(c.coverData!);
	for (const m of modules) {
		const mine = lessons.filter((l) => l.moduleId === m.id);
		text(`${root}/${m.key}/module.yaml`, moduleYaml(m, mine.map((l) => l.key), moduleTexts.filter((t) => t.moduleId === m.id)));
		for (const l of mine) {
			const dir = `${root}/${m.key}/${l.key}`;
			text(`${dir}/lesson.yaml`, lessonYaml(l));
			for (const t of lessonTexts.filter((x) => x.lessonId === l.id)) text(`${dir}/${t.locale}.md`, lessonMarkdown(t, l.activities));
			for (const f of files.filter((x) => x.lessonId === l.id)) {
				const data = new Uint8Array(f.data);
				zip[`${dir}/${f.name}`] = STORED.test(f.name) ? [data, { level: 0 }] : data;
			}
		}
	}
	return done({ fileName: `${c.slug}.zip`, data: zipSync(zip, { level: 6 }) });
}

/** Why a package cannot be imported, as a message key with its placeholders. */
class PackageProblem extends Error {
	readonly key: string;
	readonly params: Record<string, string>;
	constructor(key: string, params: Record<string, string> = {}) {
		super(key);
		this.key = key;
		this.params = params;
	}
}

// Files some archivers add on their own; not part of a course.
const IGNORED = (name: string) => name.startsWith('__MACOSX/') || /(^|\/)(\.DS_Store|Thumbs\.db)$/.test(name);

/** Checks every entry's path and size, then unpacks the package: its slug and files. */
function unpack(data: Uint8Array): { slug: string; files: Map<string, Uint8Array> } {
	const entries: { name: string; originalSize: number }[] = [];
	try {
		unzipSync(data, {
			filter: (file) => {
				entries.push({ name: file.name, originalSize: file.originalSize });
				return false;
			}
		});
	} catch {
		throw new PackageProblem('author_error_zip');
	}
	if (entries.length > PACKAGE_MAX_ENTRIES) throw new PackageProblem('author_error_zip_size', { size: formatBytes(PACKAGE_MAX_UNPACKED_BYTES), entries: String(PACKAGE_MAX_ENTRIES) });
	let total = 0;
	let slug: string | undefined;
	const wanted = new Set<string>();
	for (const { name, originalSize } of entries) {
		if (IGNORED(name)) continue;
		const parts = name.split('/');
		const unsafe =
			name.includes('\\') ||
			name.includes('\0') ||
			name.startsWith('/') ||
			/^[A-Za-z]:/.test(name) ||
			parts.some((p) => p === '..' || p === '.') ||
			parts[0] !== 'courses' ||
			!parts[1] ||
			!SLUG.test(parts[1]);
		if (unsafe) throw new PackageProblem('author_error_zip_path', { path: name.slice(0, 200) });
		if (slug && parts[1] !== slug) throw new PackageProblem('author_error_zip_two_courses');
		slug = parts[1]!;
		if (name.endsWith('/')) continue;
		if (parts.length < 3 || parts.some((p) => !p)) throw new PackageProblem('author_error_zip_path', { path: name.slice(0, 200) });
		total += originalSize;
		if (total > PACKAGE_MAX_UNPACKED_BYTES) throw new PackageProblem('author_error_zip_size', { size: formatBytes(PACKAGE_MAX_UNPACKED_BYTES), entries: String(PACKAGE_MAX_ENTRIES) });
		wanted.add(name);
	}
	if (!slug) throw new PackageProblem('author_error_zip_empty');
	let unpacked: Record<string, Uint8Array>;
	try {
		unpacked = unzipSync(data, { filter: (file) => wanted.has(file.name) });
	} catch {
		throw new PackageProblem('author_error_zip');
	}
	return { slug, files: new Map(Object.entries(unpacked)) };
}

/** Reads an unpacked package with the content reader, from a folder that is removed afterwards. */
function readPackage(slug: string, files: Map<string, Uint8Array>): CourseSource {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-package-'));
	try {
		for (const [name, bytes] of files) {
			const full = path.join(dir, ...name.split('/'));
			// unpack() has refused every path that could leave the folder; this is the second lock.
			if (!full.startsWith(dir + path.sep)) throw new PackageProblem('author_error_zip_path', { path: name });
			fs.mkdirSync(path.dirname(full), { recursive: true });
			fs.writeFileSync(full, bytes);
		}
		return readCourse(dir, path.join('courses', slug), slug);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Imports a course package: every path checked, unpacked to a temporary folder, validated with the
 * content reader, the links to the glossary and frameworks and the lesson files' contents checked,
 * then written in one transaction. An existing course of the same slug is only replaced when asked.
 * The imported course counts as edited in the platform, so the content import does not undo it.
 */
export async function importCoursePackage(
	db: DbOrTx,
	actor: Actor,
	data: Uint8Array,
	options: { replace: boolean }
): Promise<Result<{ slug: string; created: boolean }>> {
	if (!mayAuthor(actor)) return forbidden();
	if (data.byteLength > PACKAGE_MAX_BYTES) return refuse('too_large', 'package', 'author_error_package_too_large', { size: formatBytes(PACKAGE_MAX_BYTES) });
	let source: CourseSource;
	try {
		const { slug, files } = unpack(data);
		source = readPackage(slug, files);
		for (const m of source.modules) {
			for (const l of m.lessons) {
				for (const f of l.files) {
					const check = await checkLessonFile(f.name, f.data);
					if (!check.ok) throw new PackageProblem(check.key, { ...check.params, name: path.posix.join(l.file.split(path.sep).slice(0, -1).join('/'), f.name) });
				}
			}
		}
		if (source.cover && !(await coverBytesMatch(source.cover))) {
			throw new PackageProblem('author_error_file_content', { name: `courses/${source.key}/${source.cover.name}`, type: source.cover.name.split('.').pop()!.toUpperCase() });
		}
		checkLinks(source, await loadLinkTargets(db));
	} catch (error) {
		if (error instanceof PackageProblem) return refuse('invalid', 'package', error.key, error.params);
		if (error instanceof ContentError) {
			return refuse('invalid', 'package', 'author_error_package', { file: error.file.split(path.sep).join('/'), field: error.field || '–', reason: reasonOf(error) });
		}
		throw error;
	}
	const existing = await courseIdOf(db, source.key);
	if (existing && !options.replace) return refuse('conflict', 'replace', 'author_error_package_exists', { slug: source.key });
	await db.transaction(async (tx) => {
		const courseId = await writeCourse(tx, source);
		await markEdited(tx, courseId);
	});
	return done({ slug: source.key, created: !existing });
}
