import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { CAPABILITIES } from '../capabilities.ts';
import type { ContentImporter } from '../capability.ts';
import type { ImportOptions, ImportReport } from '../content/report.ts';
import type { DbOrTx } from '../db/client.ts';
import { importState } from '../db/schema/platform.ts';
import { forgetStandards } from '../competence/index.ts';
import { forgetFrameworks } from '../frameworks/queries.ts';
import { forgetGlossary } from '../glossary/queries.ts';
import { clearPageCache } from '../http/page-cache.ts';
import { clearSearchCache, reindexAllSearch, searchIndexIsEmpty } from './search.ts';

export { summariseImport, type ImportOptions, type ImportReport } from '../content/report.ts';

/** Every content importer, in the order of the capability list (later content links to earlier). */
export const CONTENT_IMPORTERS: readonly ContentImporter[] = CAPABILITIES.flatMap((c) => c.content ?? []);

/**
 * Validates and imports the shipped content in one transaction: either every file is valid and
 * applied, or nothing changes. Idempotent: a second run changes nothing. `only` limits the import
 * to some content types (tests that check one type need not import the courses' media).
 */
export async function importAllContent(
	db: DbOrTx,
	contentDir: string,
	options: ImportOptions & { only?: readonly string[] } = {}
): Promise<ImportReport[]> {
	const importers = options.only ? CONTENT_IMPORTERS.filter((i) => options.only!.includes(i.type)) : CONTENT_IMPORTERS;
	const reports = await db.transaction(async (tx) => {
		const reports: ImportReport[] = [];
		for (const importer of importers) reports.push(await importer.import(tx, contentDir, options));
		const changed = reports.some((r) => r.created.length || r.updated.length);
		if (changed || (await searchIndexIsEmpty(tx))) await reindexAllSearch(tx);
		return reports;
	});
	// Again after commit: a search between the re-index and the commit saw the old index.
	forgetContent();
	return reports;
}

/**
 * Forgets what this instance keeps of the content (rendered pages, search results, framework
 * trees, glossary lists, the competence standards): after an import here, and on every instance when an edit's
 * event arrives on the content channel (platform/events).
 */
export function forgetContent(): void {
	clearPageCache();
	clearSearchCache();
	forgetStandards();
	forgetFrameworks();
	forgetGlossary();
}

/**
 * A hash of every file under `dir` (paths and bytes, in a fixed order) and of `code`. `only`
 * limits the folders directly in `dir` to those content types (the files beside them count).
 */
export function contentFingerprint(dir: string, code: string, only?: readonly string[]): string {
	const hash = createHash('sha256').update(code).update('\0');
	const walk = (rel: string) => {
		const full = path.join(dir, rel);
		if (!fs.statSync(full).isDirectory()) hash.update(rel).update('\0').update(fs.readFileSync(full)).update('\0');
		else if (rel === '.' || !only || rel.includes('/') || only.includes(rel))
			for (const name of fs.readdirSync(full).sort()) walk(path.posix.join(rel, name));
	};
	walk('.');
	return hash.digest('hex');
}

/**
 * The start's import: skipped when neither the content files nor the code that imports them
 * (`code`, the build's stamp) changed since the last full import into this database, which would
 * have found every item unchanged anyway. Answers the reports, or null when it skipped.
 */
export async function importContentIfChanged(db: DbOrTx, contentDir: string, code: string): Promise<ImportReport[] | null> {
	const fingerprint = contentFingerprint(contentDir, code);
	const [last] = await db.select({ fingerprint: importState.fingerprint }).from(importState).where(eq(importState.name, 'content'));
	if (last?.fingerprint === fingerprint) {
		if (await searchIndexIsEmpty(db)) await reindexAllSearch(db);
		return null;
	}
	return importContentRecorded(db, contentDir, code, {}, fingerprint);
}

/**
 * A full import that the next start with the same files and build (`code`) skips: the start's,
 * and an operator's `npm run content:import`. The fingerprint is taken before the import reads
 * the files, so a file changed meanwhile makes the next start import again.
 */
export async function importContentRecorded(
	db: DbOrTx,
	contentDir: string,
	code: string,
	options: ImportOptions = {},
	fingerprint = contentFingerprint(contentDir, code)
): Promise<ImportReport[]> {
	const reports = await importAllContent(db, contentDir, options);
	await db
		.insert(importState)
		.values({ name: 'content', fingerprint })
		.onConflictDoUpdate({ target: importState.name, set: { fingerprint, importedAt: new Date() } });
	return reports;
}
