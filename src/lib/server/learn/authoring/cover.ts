import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { BASE_LOCALE, LOCALE_NAMES, LOCALES, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { user } from '../../db/schema/accounts.ts';
import { course, courseCoverRevision, courseTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import type { Result } from '../../result/index.ts';
import { coverUrl } from '../catalogue/catalogue.ts';
import { COVER_EXTENSIONS, coverExtensionOf, coverMaxBytes, MEDIA_TYPES } from '../content/index.ts';
import { done, forbidden, formatBytes, markEdited, mayAuthor, notFound, refuse } from './common.ts';
import { checkLessonFile } from './files.ts';
import type { CoverInput } from './forms.ts';

// A course's cover, set in the course editor: an SVG illustration or a PNG, JPEG or WebP picture,
// checked like a lesson's images (file-type for the bytes, DOMPurify's SVG profile for an SVG) within
// the cover's own size limits, with its alt text in the languages the course is written in (English
// at least). Every change is kept as a revision and clears the page caches (markEdited).

/** The cover types with their limits, for the help text: "svg (512 KB), png (1 MB), …". */
export const COVER_TYPES_TEXT = COVER_EXTENSIONS.filter((ext) => ext !== 'jpeg')
	.map((ext) => `${ext} (${formatBytes(coverMaxBytes(ext))})`)
	.join(', ');

type CoverCheck = { ok: true; mime: string } | { ok: false; kind: 'invalid' | 'too_large'; key: string; params: Record<string, string> };

/** Checks an uploaded cover: a type a cover may be, within its limit, and bytes that are that type (and a harmless SVG). */
export async function checkCoverFile(name: string, data: Uint8Array): Promise<CoverCheck> {
	const ext = coverExtensionOf(name);
	if (!ext) return { ok: false, kind: 'invalid', key: 'author_error_cover_type', params: { types: COVER_TYPES_TEXT } };
	if (data.byteLength > coverMaxBytes(ext)) return { ok: false, kind: 'too_large', key: 'author_error_file_too_large', params: { name, size: formatBytes(coverMaxBytes(ext)) } };
	const check = await checkLessonFile(`cover.${ext}`, data);
	if (!check.ok) return { ok: false, kind: 'invalid', key: check.key === 'author_error_svg_unsafe' ? 'author_error_cover_svg_unsafe' : check.key, params: { ...check.params, name } };
	return { ok: true, mime: MEDIA_TYPES[ext].mime };
}

export type CoverRevision = { id: number; createdAt: Date; who: string | null; removed: boolean; withAlt: AppLocale[] };
export type CoverForEditing = {
	cover: { src: string; mime: string } | null;
	/** The alt text per language; a language the course is not written in has none to give. */
	alts: Partial<Record<AppLocale, string>>;
	/** The languages the course has its texts in (an alt text can be given in these). */
	locales: AppLocale[];
	revisions: CoverRevision[];
};

const localesWithAlt = (alts: Record<string, string>): AppLocale[] => LOCALES.filter((l) => !!alts[l]);

/** The cover as the course editor shows it: the image, its alt texts per language, and its history. */
export async function coverForEditing(db: DbOrTx, courseId: number): Promise<CoverForEditing> {
	const [c] = await db.select({ mime: course.coverMime, sha256: course.coverSha256 }).from(course).where(eq(course.id, courseId));
	const texts = await db.select({ locale: courseTranslation.locale, alt: courseTranslation.coverAlt }).from(courseTranslation).where(eq(courseTranslation.courseId, courseId));
	const revisions = await db
		.select({ id: courseCoverRevision.id, createdAt: courseCoverRevision.createdAt, who: user.displayName, sha256: courseCoverRevision.sha256, alts: courseCoverRevision.alts })
		.from(courseCoverRevision)
		.leftJoin(user, eq(user.id, courseCoverRevision.editorId))
		.where(eq(courseCoverRevision.courseId, courseId))
		.orderBy(desc(courseCoverRevision.createdAt), desc(courseCoverRevision.id))
		.limit(20);
	return {
		cover: c?.sha256 && c.mime ? { src: coverUrl(c.sha256), mime: c.mime } : null,
		alts: Object.fromEntries(texts.map((t) => [t.locale, t.alt])),
		locales: LOCALES.filter((l) => texts.some((t) => t.locale === l)),
		revisions: revisions.map((r) => ({ id: r.id, createdAt: r.createdAt, who: r.who, removed: !r.sha256, withAlt: localesWithAlt(r.alts) }))
	};
}

async function courseRow(db: DbOrTx, slug: string) {
	const [row] = await db.select({ id: course.id, sha256: course.coverSha256 }).from(course).where(eq(course.slug, slug));
	return row;
}

/**
 * Sets a course's cover and its alt texts: a new file (optional when the course has a cover: then
 * only the alt texts change), and an alt text per language the course is written in, English
 * required; a language left blank shows the English alt text.
 */
export async function saveCourseCover(
	db: DbOrTx,
	actor: Actor,
	slug: string,
	input: { file: { name: string; data: Uint8Array } | null; alts: CoverInput }
): Promise<Result<{ sha256: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	const target = await courseRow(db, slug);
	if (!target) return notFound();
	let upload: { mime: string; data: Uint8Array; sha256: string } | null = null;
	if (input.file) {
		const check = await checkCoverFile(input.file.name, input.file.data);
		if (!check.ok) return refuse(check.kind, 'file', check.key, check.params);
		upload = { mime: check.mime, data: input.file.data, sha256: createHash('sha256').update(input.file.data).digest('hex') };
	} else if (!target.sha256) return refuse('invalid', 'file', 'author_error_cover_missing');
	const alts = Object.fromEntries(LOCALES.flatMap((l) => (input.alts[`alt_${l}`] ? [[l, input.alts[`alt_${l}`]!]] : []))) as Partial<Record<AppLocale, string>>;
	if (!alts[BASE_LOCALE]) return refuse('invalid', `alt_${BASE_LOCALE}`, 'author_error_cover_alt_required');
	const written = await db.select({ locale: courseTranslation.locale }).from(courseTranslation).where(eq(courseTranslation.courseId, target.id));
	const unwritten = LOCALES.find((l) => alts[l] && !written.some((w) => w.locale === l));
	if (unwritten) return refuse('invalid', `alt_${unwritten}`, 'author_error_cover_alt_untranslated', { language: LOCALE_NAMES[unwritten] });

	const sha256 = await db.transaction(async (tx) => {
		// One change at a time: the revision records the cover this change leaves.
		const [current] = await tx
			.select({ mime: course.coverMime, data: course.coverData, sha256: course.coverSha256 })
			.from(course)
			.where(eq(course.id, target.id))
			.for('update');
		const cover = upload ?? (current?.sha256 && current.mime && current.data ? { mime: current.mime, data: current.data, sha256: current.sha256 } : null);
		if (!cover) return null;
		if (upload) await tx.update(course).set({ coverMime: upload.mime, coverData: upload.data, coverSha256: upload.sha256 }).where(eq(course.id, target.id));
		for (const { locale } of written) {
			await tx
				.update(courseTranslation)
				.set({ coverAlt: alts[locale as AppLocale] ?? '' })
				.where(and(eq(courseTranslation.courseId, target.id), eq(courseTranslation.locale, locale)));
		}
		await tx.insert(courseCoverRevision).values({ courseId: target.id, mime: cover.mime, data: cover.data, sha256: cover.sha256, alts, editorId: actor!.id });
		await markEdited(tx, target.id);
		return cover.sha256;
	});
	return sha256 ? done({ sha256 }) : refuse('invalid', 'file', 'author_error_cover_missing');
}

/** Removes a course's cover (the catalogue shows the default illustration) and its alt texts, kept as a revision. */
export async function removeCourseCover(db: DbOrTx, actor: Actor, slug: string): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const target = await courseRow(db, slug);
	if (!target) return notFound();
	if (!target.sha256) return refuse('conflict', 'cover', 'author_error_cover_none');
	await db.transaction(async (tx) => {
		await tx.update(course).set({ coverMime: null, coverData: null, coverSha256: null }).where(eq(course.id, target.id));
		await tx.update(courseTranslation).set({ coverAlt: '' }).where(eq(courseTranslation.courseId, target.id));
		await tx.insert(courseCoverRevision).values({ courseId: target.id, alts: {}, editorId: actor!.id });
		await markEdited(tx, target.id);
	});
	return done(null);
}
