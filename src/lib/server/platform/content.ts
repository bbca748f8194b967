import { CAPABILITIES } from '../capabilities.ts';
import type { ContentImporter } from '../capability.ts';
import type { ImportOptions, ImportReport } from '../content/report.ts';
import type { DbOrTx } from '../db/client.ts';
import { reindexAllSearch, searchIndexIsEmpty } from './search.ts';

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
	return db.transaction(async (tx) => {
		const reports: ImportReport[] = [];
		for (const importer of importers) reports.push(await importer.import(tx, contentDir, options));
		const changed = reports.some((r) => r.created.length || r.updated.length);
		if (changed || (await searchIndexIsEmpty(tx))) await reindexAllSearch(tx);
		return reports;
	});
}
