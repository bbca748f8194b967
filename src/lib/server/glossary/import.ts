import { and, eq, notInArray, sql } from 'drizzle-orm';
import { emptyReport, shouldWrite, type ImportOptions, type ImportReport } from '../content/report.ts';
import { ContentError } from '../content/errors.ts';
import { readContentFolder } from '../content/files.ts';
import type { DbOrTx } from '../db/client.ts';
import { glossaryTerm, glossaryTranslation } from '../db/schema/glossary.ts';
import { glossaryFile } from './content.ts';

/** Imports `content/glossary/*.yaml`: new terms are added, changed files update terms nobody edited. */
export async function importGlossary(db: DbOrTx, contentDir: string, options: ImportOptions): Promise<ImportReport> {
	const files = readContentFolder(contentDir, 'glossary', glossaryFile);
	const slugs = new Set(files.map((f) => f.slug));
	for (const f of files) {
		f.data.related.forEach((slug, index) => {
			if (!slugs.has(slug)) throw new ContentError(f.file, `related.${index}`, `no glossary term "${slug}"`);
		});
	}

	const existing = await db
		.select({
			id: glossaryTerm.id,
			slug: glossaryTerm.slug,
			importedHash: glossaryTerm.importedHash,
			editedInPlatform: glossaryTerm.editedInPlatform
		})
		.from(glossaryTerm);
	const bySlug = new Map(existing.map((row) => [row.slug, row]));
	const report = emptyReport('glossary');

	for (const f of files) {
		const row = bySlug.get(f.slug);
		if (!shouldWrite(report, row, f.hash, f.slug, options)) continue;
		const values = {
			sourceCitation: f.data.source.citation,
			sourceUrl: f.data.source.url ?? null,
			related: f.data.related,
			importedHash: f.hash,
			editedInPlatform: false,
			updatedAt: sql`now()`
		};
		let termId: number;
		if (row) {
			await db.update(glossaryTerm).set(values).where(eq(glossaryTerm.id, row.id));
			termId = row.id;
			report.updated.push(f.slug);
		} else {
			const [inserted] = await db
				.insert(glossaryTerm)
				.values({ slug: f.slug, ...values })
				.returning({ id: glossaryTerm.id });
			termId = inserted!.id;
			report.created.push(f.slug);
		}
		const translations = Object.entries(f.data.translations).flatMap(([locale, t]) =>
			t ? [{ termId, locale, term: t.term, definition: t.definition }] : []
		);
		await db
			.insert(glossaryTranslation)
			.values(translations)
			.onConflictDoUpdate({
				target: [glossaryTranslation.termId, glossaryTranslation.locale],
				set: {
					term: sql`excluded.term`,
					definition: sql`excluded.definition`,
					updatedAt: sql`now()`
				}
			});
		const locales = translations.map((t) => t.locale);
		await db
			.delete(glossaryTranslation)
			.where(and(eq(glossaryTranslation.termId, termId), notInArray(glossaryTranslation.locale, locales)));
	}
	return report;
}
