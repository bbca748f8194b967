import type { DbOrTx } from '../db/client.ts';
import { importFrameworks } from '../frameworks/import.ts';
import { importGlossary } from '../glossary/import.ts';
import { importCourses } from '../learn/content/index.ts';
import { reindexSearch, searchIndexIsEmpty } from '../search/index.ts';

export type ImportReport = {
	type: string;
	created: string[];
	updated: string[];
	unchanged: number;
	/** Items an editor changed in the platform whose file also changed: the platform version is kept. */
	keptEditorVersion: string[];
};

export type ImportOptions = {
	/** Overwrite items that editors changed in the platform. */
	force?: boolean;
};

/**
 * Validates and imports all shipped content in one transaction: either every file is valid and
 * applied, or nothing changes. Idempotent: a second run changes nothing.
 */
export async function importAllContent(
	db: DbOrTx,
	contentDir: string,
	options: ImportOptions = {}
): Promise<ImportReport[]> {
	return db.transaction(async (tx) => {
		const reports = [
			await importGlossary(tx, contentDir, options),
			await importFrameworks(tx, contentDir, options),
			await importCourses(tx, contentDir, options)
		];
		const changed = reports.some((r) => r.created.length || r.updated.length);
		if (changed || (await searchIndexIsEmpty(tx))) await reindexSearch(tx);
		return reports;
	});
}

/** One line per content type, for the terminal and the log. */
export function summariseImport(reports: ImportReport[]): string[] {
	return reports.map((report) => {
		const parts = [
			`${report.created.length} new`,
			`${report.updated.length} updated`,
			`${report.unchanged} unchanged`
		];
		if (report.keptEditorVersion.length) {
			parts.push(
				`${report.keptEditorVersion.length} edited in the platform and kept (${report.keptEditorVersion.join(', ')}); use --force to overwrite`
			);
		}
		return `${report.type}: ${parts.join(', ')}`;
	});
}
