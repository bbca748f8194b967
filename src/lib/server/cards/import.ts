import { createHash } from 'node:crypto';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { emptyReport, shouldWrite, type ImportOptions, type ImportReport } from '../content/report.ts';
import type { DbOrTx } from '../db/client.ts';
import { card, cardRevision, cardTranslation, type CardWording } from '../db/schema/cards.ts';
import { readCards } from './content.ts';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Imports `content/cards/`: new cards are added, changed files update cards nobody edited in the
 * platform, and every changed wording is kept as a revision (what it was, what it became).
 */
export async function importCards(db: DbOrTx, contentDir: string, options: ImportOptions): Promise<ImportReport> {
	const sources = readCards(contentDir);
	const report = emptyReport('cards');
	const existing = await db.select({ id: card.id, slug: card.slug, importedHash: card.importedHash, editedInPlatform: card.editedInPlatform }).from(card);
	const bySlug = new Map(existing.map((row) => [row.slug, row]));
	if (sources.length === 0) return report;
	const previous = await db
		.select({ cardId: cardTranslation.cardId, locale: cardTranslation.locale, title: cardTranslation.title, situation: cardTranslation.situation, questions: cardTranslation.questions, twists: cardTranslation.twists })
		.from(cardTranslation);
	const wordingOf = new Map(previous.map((p) => [`${p.cardId}:${p.locale}`, { title: p.title, situation: p.situation, questions: p.questions, twists: p.twists } satisfies CardWording]));

	for (const source of sources) {
		const hash = hashOf(source.hash);
		const row = bySlug.get(source.slug);
		if (!shouldWrite(report, row, hash, source.slug, options)) continue;
		const values = {
			deck: source.deck,
			position: source.position,
			sector: source.sector,
			clientGroup: source.clientGroup,
			guidelines: source.guidelines,
			steps: source.steps,
			ownWriting: source.ownWriting,
			importedHash: hash,
			editedInPlatform: false,
			updatedAt: sql`now()`
		};
		let cardId: number;
		if (row) {
			await db.update(card).set(values).where(eq(card.id, row.id));
			cardId = row.id;
			report.updated.push(source.slug);
		} else {
			const [inserted] = await db.insert(card).values({ slug: source.slug, ...values }).returning({ id: card.id });
			cardId = inserted!.id;
			report.created.push(source.slug);
		}
		const translations = Object.entries(source.wording).map(([locale, w]) => ({ cardId, locale, ...w }));
		await db
			.insert(cardTranslation)
			.values(translations)
			.onConflictDoUpdate({
				target: [cardTranslation.cardId, cardTranslation.locale],
				set: { title: sql`excluded.title`, situation: sql`excluded.situation`, questions: sql`excluded.questions`, twists: sql`excluded.twists`, updatedAt: sql`now()` }
			});
		const revisions = translations
			.map((t) => ({ cardId, locale: t.locale, source: 'import', previous: wordingOf.get(`${cardId}:${t.locale}`) ?? null, current: { title: t.title, situation: t.situation, questions: t.questions, twists: t.twists } }))
			.filter((r) => JSON.stringify(r.previous) !== JSON.stringify(r.current));
		if (revisions.length) await db.insert(cardRevision).values(revisions);
		await db.delete(cardTranslation).where(and(eq(cardTranslation.cardId, cardId), notInArray(cardTranslation.locale, translations.map((t) => t.locale))));
	}
	return report;
}
