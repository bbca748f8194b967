import { sql } from 'drizzle-orm';
import { ContentError } from '../../content/errors.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { CourseSource } from './files.ts';

/** What course content may point at: glossary slugs, framework slugs and `slug/key` of nodes. */
export type LinkTargets = { glossary: Set<string>; frameworks: Set<string>; nodes: Set<string> };

export async function loadLinkTargets(db: DbOrTx): Promise<LinkTargets> {
	const glossary = await queryRows<{ slug: string }>(db, sql`select slug from glossary_term`);
	const nodes = await queryRows<{ slug: string; key: string }>(
		db,
		sql`select distinct f.slug, n.key from framework f join framework_version v on v.framework_id = f.id join framework_node n on n.version_id = v.id`
	);
	const frameworks = await queryRows<{ slug: string }>(db, sql`select slug from framework`);
	return {
		glossary: new Set(glossary.map((r) => r.slug)),
		frameworks: new Set(frameworks.map((r) => r.slug)),
		nodes: new Set(nodes.map((r) => `${r.slug}/${r.key}`))
	};
}

/** Throws a ContentError naming the file for a link to a term, framework or node that does not exist. */
export function checkLinks(course: { file: string; data: { competenceAreas: string[] }; modules: CourseSource['modules'] }, targets: LinkTargets): void {
	const competence = (file: string, keys: string[]) =>
		keys.forEach((key, i) => {
			if (!targets.nodes.has(`competence-standards/${key}`))
				throw new ContentError(file, `competenceAreas.${i}`, `no node "${key}" in the competence-standards framework`);
		});
	competence(course.file, course.data.competenceAreas);
	for (const m of course.modules) {
		competence(m.file, m.data.competenceAreas);
		for (const lesson of m.lessons) {
			for (const t of Object.values(lesson.translations)) {
				for (const slug of t.refs.glossary) {
					if (!targets.glossary.has(slug)) throw new ContentError(t.file, 'body', `links to the glossary term "${slug}", which does not exist`);
				}
				for (const { slug, key } of t.refs.framework) {
					const ok = key ? targets.nodes.has(`${slug}/${key}`) : targets.frameworks.has(slug);
					if (!ok) throw new ContentError(t.file, 'body', `links to "framework:${slug}${key ? `/${key}` : ''}", which does not exist`);
				}
			}
		}
	}
}
