import { and, eq, notInArray, sql } from 'drizzle-orm';
import { BASE_LOCALE } from '../../i18n/locales.ts';
import { emptyReport, shouldWrite, type ImportOptions, type ImportReport } from '../content/report.ts';
import type { DbOrTx } from '../db/client.ts';
import { resource, resourceLink, resourceTranslation } from '../db/schema/resources.ts';
import { getFramework, type FrameworkNodeView } from '../frameworks/queries.ts';
import { readResources, type ButtonOutcomes } from './content.ts';
import { BUTTONS, CAREER_FRAMEWORK } from './vocabulary.ts';

/** The learning outcomes under each career button of the imported career-learning framework. */
export async function buttonOutcomes(db: DbOrTx): Promise<ButtonOutcomes> {
	const framework = await getFramework(db, CAREER_FRAMEWORK, BASE_LOCALE);
	const map = new Map<string, Set<string>>();
	const collect = (node: FrameworkNodeView, into: Set<string>) => {
		if (node.kind === 'outcome') into.add(node.key);
		for (const child of node.children) collect(child, into);
	};
	for (const node of framework?.tree ?? []) {
		if (!(BUTTONS as readonly string[]).includes(node.key)) continue;
		const keys = new Set<string>();
		collect(node, keys);
		map.set(node.key, keys);
	}
	return map;
}

/**
 * Imports `content/resources/`: new resources are added (published), changed ones update resources
 * nobody edited in the platform, unchanged ones are left alone. Their links to framework nodes and
 * their translations follow the file.
 */
export async function importResources(db: DbOrTx, contentDir: string, options: ImportOptions): Promise<ImportReport> {
	const report = emptyReport('resources');
	const sources = readResources(contentDir, await buttonOutcomes(db));
	if (sources.length === 0) return report;
	const existing = await db.select({ id: resource.id, slug: resource.slug, importedHash: resource.importedHash, editedInPlatform: resource.editedInPlatform }).from(resource);
	const bySlug = new Map(existing.map((row) => [row.slug, row]));

	for (const source of sources) {
		const row = bySlug.get(source.slug);
		if (!shouldWrite(report, row, source.hash, source.slug, options)) continue;
		const values = {
			kind: source.kind,
			status: 'published',
			source: 'content',
			sectors: source.sectors,
			targets: source.targets,
			settings: source.settings,
			duration: source.duration,
			languages: source.languages,
			licence: source.licence,
			publisher: source.publisher,
			url: source.url,
			year: source.year,
			qualityAreas: source.qualityAreas,
			captions: source.captions,
			ownWriting: source.ownWriting,
			importedHash: source.hash,
			editedInPlatform: false,
			updatedAt: sql`now()`
		};
		let resourceId: number;
		if (row) {
			await db.update(resource).set(values).where(eq(resource.id, row.id));
			resourceId = row.id;
			report.updated.push(source.slug);
		} else {
			const [inserted] = await db
				.insert(resource)
				.values({ slug: source.slug, ...values, publishedAt: sql`now()` })
				.returning({ id: resource.id });
			resourceId = inserted!.id;
			report.created.push(source.slug);
		}
		const translations = Object.entries(source.wording).map(([locale, w]) => ({ resourceId, locale, ...w, status: 'current' }));
		await db
			.insert(resourceTranslation)
			.values(translations)
			.onConflictDoUpdate({
				target: [resourceTranslation.resourceId, resourceTranslation.locale],
				set: { title: sql`excluded.title`, summary: sql`excluded.summary`, body: sql`excluded.body`, status: sql`excluded.status`, updatedAt: sql`now()` }
			});
		await db.delete(resourceTranslation).where(and(eq(resourceTranslation.resourceId, resourceId), notInArray(resourceTranslation.locale, translations.map((t) => t.locale))));
		await db.delete(resourceLink).where(eq(resourceLink.resourceId, resourceId));
		if (source.links.length) await db.insert(resourceLink).values(source.links.map(([frameworkSlug, nodeKey]) => ({ resourceId, frameworkSlug, nodeKey })));
	}
	return report;
}
