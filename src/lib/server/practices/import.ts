import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { ContentError } from '../content/errors.ts';
import { readContentFolder } from '../content/files.ts';
import { emptyReport, shouldWrite, type ImportOptions, type ImportReport } from '../content/report.ts';
import type { DbOrTx } from '../db/client.ts';
import { practice, type PracticeTranslations } from '../db/schema/practices.ts';
import { practiceTemplate } from './template.ts';
import { checkTranslation } from './translation.ts';
import { withSources } from './wording.ts';
import { checkPractice } from './validate.ts';

// content/practices/<slug>.yaml: sample practices shipped with the platform, each published and
// marked as an example record. The English title and summary are required, the other languages
// optional, each with the free text of any fields translated (`fields: {<field key>: text}`); the
// fields are checked against the mapping template like any form (unknown fields or options stop the
// import with the file and field named), the translations like the translation form.

const wording = z.strictObject({ title: z.string().trim().min(1, 'is required').max(200), summary: z.string().trim().max(1500), fields: z.record(z.string(), z.string()).optional() });

const practiceFile = z.strictObject({
	country: z.string(),
	region: z.string().default(''),
	sector: z.string(),
	languages: z.array(z.string()).default([]),
	startYear: z.number().int().optional(),
	licence: z.string().default('CC-BY-4.0'),
	channels: z.array(z.string()).default([]),
	translations: z.object({ en: wording }).and(z.partialRecord(z.enum(LOCALES), wording)),
	fields: z.record(z.string(), z.strictObject({ text: z.string().optional(), options: z.array(z.string()).optional() }))
});

export async function importPractices(db: DbOrTx, contentDir: string, options: ImportOptions): Promise<ImportReport> {
	const files = readContentFolder(contentDir, 'practices', practiceFile);
	const report = emptyReport('practices');
	if (!files.length) return report;
	const template = await practiceTemplate(db, 'en');
	if (!template) throw new ContentError('practices', '', 'the mapping template framework must be imported first');
	const existing = await db
		.select({ id: practice.id, slug: practice.slug, importedHash: practice.importedHash, editedInPlatform: practice.editedInPlatform })
		.from(practice)
		.where(inArray(
			practice.slug,
			files.map((f) => f.slug)
		));
	const bySlug = new Map(existing.map((row) => [row.slug, row]));
	for (const file of files) {
		const row = bySlug.get(file.slug);
		if (!shouldWrite(report, row, file.hash, file.slug, options)) continue;
		const { translations, ...data } = file.data;
		const checked = checkPractice(template, {
			title: translations.en.title,
			summary: translations.en.summary,
			country: data.country,
			region: data.region,
			sector: data.sector,
			languages: data.languages,
			startYear: data.startYear === undefined ? '' : String(data.startYear),
			licence: data.licence,
			channels: data.channels,
			fields: data.fields
		});
		if (!checked.ok) {
			const [field, key] = Object.entries(checked.errors)[0]!;
			throw new ContentError(file.file, field, `refused (${key})`);
		}
		if (translations.en.fields) throw new ContentError(file.file, 'translations.en.fields', 'the source language’s text belongs in fields');
		const others: PracticeTranslations = {};
		for (const [locale, t] of Object.entries(translations)) {
			if (locale === 'en' || !t) continue;
			const translated = checkTranslation(template, { title: t.title, summary: t.summary, fields: t.fields ?? {} });
			if (!translated.ok) {
				const [field, key] = Object.entries(translated.errors)[0]!;
				throw new ContentError(file.file, `translations.${locale}.${field}`, `refused (${key})`);
			}
			// The files' translations are of the files' source text.
			others[locale] = withSources(checked.value, translated.value);
		}
		const values = {
			...checked.value,
			translations: others,
			locale: 'en',
			status: 'published',
			example: true,
			organisationId: null,
			ownerId: null,
			frameworkVersionId: template.versionId,
			importedHash: file.hash,
			editedInPlatform: false,
			updatedAt: sql`now()`
		};
		if (row) {
			await db.update(practice).set(values).where(eq(practice.id, row.id));
			report.updated.push(file.slug);
		} else {
			await db.insert(practice).values({ ...values, slug: file.slug, publishedAt: sql`now()` });
			report.created.push(file.slug);
		}
	}
	return report;
}
