/** What one content importer did, for the terminal and the log. */
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

/** An empty report for one content type. */
export const emptyReport = (type: string): ImportReport => ({ type, created: [], updated: [], unchanged: 0, keptEditorVersion: [] });

/**
 * The question every importer asks first of a shipped item: write it or leave it? An item whose file
 * has not changed since it was last imported is left (and counted); one an editor changed in the
 * platform is left (and named in the report) unless the import is forced.
 */
export function shouldWrite(
	report: ImportReport,
	stored: { importedHash: string | null; editedInPlatform: boolean } | undefined,
	hash: string,
	name: string,
	options: ImportOptions
): boolean {
	if (stored && stored.importedHash === hash) {
		report.unchanged++;
		return false;
	}
	if (stored?.editedInPlatform && !options.force) {
		report.keptEditorVersion.push(name);
		return false;
	}
	return true;
}
