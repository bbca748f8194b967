import type { ImportOptions, ImportReport } from '../content/import.ts';
import type { DbOrTx } from '../db/client.ts';
import { readCourses } from './files.ts';
import { checkLinks, loadLinkTargets } from './links.ts';

/** Imports `content/courses/*` (see content/courses/FORMAT.md). */
export async function importCourses(db: DbOrTx, contentDir: string, _options: ImportOptions): Promise<ImportReport> {
	const courses = readCourses(contentDir);
	const targets = await loadLinkTargets(db);
	for (const course of courses) checkLinks(course, targets);
	return { type: 'courses', created: courses.map((c) => c.key), updated: [], unchanged: 0, keptEditorVersion: [] };
}
