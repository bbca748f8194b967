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
