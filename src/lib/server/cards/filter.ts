import { CLIENT_GROUPS, DECKS, GUIDELINES, SECTORS, type Deck } from './vocabulary.ts';
import type { CardFilter } from './queries.ts';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined => (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** A browse filter from a query string; a value outside the vocabulary means "any". */
export function filterFromQuery(params: URLSearchParams): CardFilter {
	const guideline = Number(params.get('guideline'));
	return {
		deck: oneOf<Deck>(DECKS, params.get('deck')),
		guideline: (GUIDELINES as readonly number[]).includes(guideline) ? guideline : undefined,
		sector: oneOf(SECTORS, params.get('sector')),
		clientGroup: oneOf(CLIENT_GROUPS, params.get('client'))
	};
}

/** The query string of a filter (for links that keep it). */
export function queryOf(filter: CardFilter): string {
	const params = new URLSearchParams();
	if (filter.deck) params.set('deck', filter.deck);
	if (filter.guideline) params.set('guideline', String(filter.guideline));
	if (filter.sector) params.set('sector', filter.sector);
	if (filter.clientGroup) params.set('client', filter.clientGroup);
	const text = params.toString();
	return text ? `?${text}` : '';
}
