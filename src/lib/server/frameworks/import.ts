import { and, eq, sql } from 'drizzle-orm';
import { ContentError } from '../content/errors.ts';
import { readContentFolder } from '../content/files.ts';
import { emptyReport, shouldWrite, type ImportOptions, type ImportReport } from '../content/report.ts';
import type { DbOrTx } from '../db/client.ts';
import { framework, frameworkNode, frameworkNodeTranslation, frameworkVersion, frameworkVersionTranslation } from '../db/schema/frameworks.ts';
import { frameworkFile, type FrameworkNodeFile } from './content.ts';

type Flat = { node: FrameworkNodeFile; parentKey: string | null; position: number; depth: number; path: string };

/** The tree in reading order with parent keys; throws on a key used twice. */
function flatten(file: string, nodes: FrameworkNodeFile[]): Flat[] {
	const out: Flat[] = [];
	const seen = new Set<string>();
	const walk = (list: FrameworkNodeFile[], parentKey: string | null, depth: number, path: string) =>
		list.forEach((node, position) => {
			const here = `${path}.${position}`;
			if (seen.has(node.key)) throw new ContentError(file, `${here}.key`, `"${node.key}" is used twice`);
			seen.add(node.key);
			out.push({ node, parentKey, position, depth, path: here });
			walk(node.children, node.key, depth + 1, `${here}.children`);
		});
	walk(nodes, null, 0, 'nodes');
	return out;
}

/**
 * Imports `content/frameworks/*.yaml`. A file's version label names the version: a new label adds
 * a version and keeps the old ones; a changed file with the same label replaces that version's
 * tree, unless an editor changed it in the platform.
 */
export async function importFrameworks(db: DbOrTx, contentDir: string, options: ImportOptions): Promise<ImportReport> {
	const files = readContentFolder(contentDir, 'frameworks', frameworkFile);
	const flats = files.map((f) => flatten(f.file, f.data.nodes));
	const report = emptyReport('frameworks');

	for (const [index, f] of files.entries()) {
		const name = `${f.slug}@${f.data.version}`;
		const [fw] = await db
			.insert(framework)
			.values({ slug: f.slug })
			.onConflictDoUpdate({ target: framework.slug, set: { slug: sql`excluded.slug` } })
			.returning({ id: framework.id });
		const [existing] = await db
			.select()
			.from(frameworkVersion)
			.where(and(eq(frameworkVersion.frameworkId, fw!.id), eq(frameworkVersion.version, f.data.version)));
		if (!shouldWrite(report, existing, f.hash, name, options)) continue;
		const meta = {
			status: f.data.status,
			sourceCitation: f.data.source.citation,
			sourceUrl: f.data.source.url ?? null,
			licence: f.data.licence ?? null,
			importedHash: f.hash,
			editedInPlatform: false
		};
		let versionId: number;
		if (existing) {
			await db.update(frameworkVersion).set(meta).where(eq(frameworkVersion.id, existing.id));
			// The tree is replaced whole: nodes and their translations go with it (cascade).
			await db.delete(frameworkNode).where(eq(frameworkNode.versionId, existing.id));
			await db.delete(frameworkVersionTranslation).where(eq(frameworkVersionTranslation.versionId, existing.id));
			versionId = existing.id;
			report.updated.push(name);
		} else {
			const [created] = await db
				.insert(frameworkVersion)
				.values({ frameworkId: fw!.id, version: f.data.version, ...meta })
				.returning({ id: frameworkVersion.id });
			versionId = created!.id;
			report.created.push(name);
		}
		await db.insert(frameworkVersionTranslation).values(
			Object.entries(f.data.translations).flatMap(([locale, t]) => (t ? [{ versionId, locale, ...t }] : []))
		);
		await insertTree(db, versionId, flats[index]!);
	}
	return report;
}

/** Inserts a version's nodes one depth at a time (a handful of statements, not one per node). */
async function insertTree(db: DbOrTx, versionId: number, flat: Flat[]): Promise<void> {
	const ids = new Map<string, number>();
	const depths = Math.max(...flat.map((f) => f.depth)) + 1;
	for (let depth = 0; depth < depths; depth++) {
		const level = flat.filter((f) => f.depth === depth);
		if (!level.length) continue;
		const inserted = await db
			.insert(frameworkNode)
			.values(
				level.map((f) => ({
					versionId,
					parentId: f.parentKey ? ids.get(f.parentKey)! : null,
					key: f.node.key,
					kind: f.node.kind,
					code: f.node.code ?? null,
					position: f.position,
					draft: f.node.draft,
					placeholder: f.node.placeholder
				}))
			)
			.returning({ id: frameworkNode.id, key: frameworkNode.key });
		for (const row of inserted) ids.set(row.key, row.id);
		const translations = level.flatMap((f) =>
			Object.entries(f.node.translations).flatMap(([locale, t]) => (t ? [{ nodeId: ids.get(f.node.key)!, locale, title: t.title, body: t.body }] : []))
		);
		// Large trees are sent in slices to stay well below the protocol's parameter limit.
		for (let i = 0; i < translations.length; i += 1000) {
			await db.insert(frameworkNodeTranslation).values(translations.slice(i, i + 1000));
		}
	}
}
