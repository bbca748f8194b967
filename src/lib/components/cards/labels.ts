import { message } from '#lib/i18n/message.ts';
import { m } from '#lib/paraglide/messages.js';

// Labels of the cards' fixed vocabulary (keys come from the data: deck, sector, client group, step).
export const deckLabel = (deck: string) => message(`cards_deck_${deck}`);
export const deckText = (deck: string) => message(`cards_deck_${deck}_text`);
export const sectorLabel = (sector: string) => message(`cards_sector_${sector}`);
export const clientLabel = (group: string) => message(`cards_client_${group}`);
export const stepLabel = (step: string) => message(`cards_step_${step}`);
export const stepPrompt = (step: string) => message(`cards_prompt_${step}`);
export const guidelineLabel = (n: number) => m.cards_guideline({ number: String(n) });
/** The framework page of a guideline or a reflection step. */
export const guidelineHref = (n: number) => `/frameworks/ethical-guidelines/guideline-${n}`;
export const stepHref = (step: string) => `/frameworks/ethical-guidelines/step-${step}`;
