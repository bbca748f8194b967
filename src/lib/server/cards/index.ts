// Ethics cards: situation cards and one-question decks for ethical reflection (shipped content,
// public pages, search), and each person's private walk through the reflection model on a card.
import type { Capability } from '../capability.ts';
import { importCards } from './import.ts';
import { CARD_DATA } from './personal-data.ts';
import { CARD_SEARCH } from './search.ts';

export { filterFromQuery, queryOf } from './filter.ts';
export { readCards, type CardSource } from './content.ts';
export { deckCounts, drawCard, getCard, listCards, type CardFilter, type CardView } from './queries.ts';
export { checkAnswers, deleteReflection, listMyReflections, myReflection, REFLECTION_STEP_MAX, saveReflection, type Answers, type Reflection, type ReflectionListed } from './reflections.ts';
export * from './vocabulary.ts';
export {
	answerLive,
	controlLiveSession,
	createLiveSession,
	expireLiveSessions,
	findLiveSession,
	getLiveSession,
	joinLiveSession,
	listMyLiveSessions,
	liveChannel,
	liveSummary,
	normaliseLiveCode,
	participantSession,
	participantView,
	summaryCsv,
	LIVE_ANSWER_MAX,
	LIVE_ANSWERED,
	LIVE_CARDS_MAX,
	LIVE_CHANGED,
	LIVE_FORMS,
	LIVE_NAME_MAX,
	LIVE_OPTION_MAX,
	LIVE_OPTIONS_MAX,
	LIVE_SCALE,
	type LiveCommand,
	type LiveForm,
	type LiveSessionView,
	type LiveSummary,
	type ParticipantView
} from './live.ts';

export const cards: Capability = {
	name: 'cards',
	content: [{ type: 'cards', import: importCards }],
	search: [CARD_SEARCH],
	personalData: CARD_DATA
};
