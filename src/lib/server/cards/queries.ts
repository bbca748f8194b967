import { and, arrayContains, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { card, cardTranslation } from '../db/schema/cards.ts';
import { DECKS, type Deck } from './vocabulary.ts';

/** A card as pages show it, in one language. */
export type CardView = {
	slug: string;
	deck: Deck;
	sector: string | null;
	clientGroup: string | null;
	guidelines: number[];
	steps: string[];
	ownWriting: boolean;
	title: string;
	situation: string;
	questions: string[];
	twists: string[];
};

/** What to list: a deck, a guideline, a sector, a client group (any combination). */
export type CardFilter = { deck?: Deck; guideline?: number; sector?: string; clientGroup?: string };

function selectCards(db: DbOrTx, locale: AppLocale) {
	return db
		.select({
			slug: card.slug,
			deck: sql<Deck>`${card.deck}`,
			sector: card.sector,
			clientGroup: card.clientGroup,
			guidelines: card.guidelines,
			steps: card.steps,
			ownWriting: card.ownWriting,
			title: cardTranslation.title,
			situation: cardTranslation.situation,
			questions: cardTranslation.questions,
			twists: cardTranslation.twists
		})
		.from(card)
		.innerJoin(cardTranslation, and(eq(cardTranslation.cardId, card.id), eq(cardTranslation.locale, locale)));
}

function where(filter: CardFilter): SQL | undefined {
	return and(
		filter.deck ? eq(card.deck, filter.deck) : undefined,
		filter.guideline ? arrayContains(card.guidelines, [filter.guideline]) : undefined,
		filter.sector ? eq(card.sector, filter.sector) : undefined,
		filter.clientGroup ? eq(card.clientGroup, filter.clientGroup) : undefined
	);
}

const deckOrder = sql`array_position(array[${sql.join(DECKS.map((d) => sql`${d}`), sql`, `)}]::text[], ${card.deck})`;

/** The cards matching `filter`, in deck order and each deck's own order. */
export async function listCards(db: DbOrTx, locale: AppLocale, filter: CardFilter = {}): Promise<CardView[]> {
	return selectCards(db, locale).where(where(filter)).orderBy(deckOrder, asc(card.position));
}

/** One card by its slug, or undefined. */
export async function getCard(db: DbOrTx, slug: string, locale: AppLocale): Promise<CardView | undefined> {
	const [found] = await selectCards(db, locale).where(eq(card.slug, slug));
	return found;
}

/** The slug of a card drawn at random (from `filter`), or undefined when none matches. */
export async function drawCard(db: DbOrTx, filter: CardFilter = {}): Promise<string | undefined> {
	const [found] = await db.select({ slug: card.slug }).from(card).where(where(filter)).orderBy(sql`random()`).limit(1);
	return found?.slug;
}

/** How many cards each deck has. */
export async function deckCounts(db: DbOrTx): Promise<Record<Deck, number>> {
	const rows = await db.select({ deck: card.deck, count: sql<number>`count(*)::int` }).from(card).groupBy(card.deck);
	const counts = Object.fromEntries(DECKS.map((d) => [d, 0])) as Record<Deck, number>;
	for (const row of rows) if (row.deck in counts) counts[row.deck as Deck] = row.count;
	return counts;
}
