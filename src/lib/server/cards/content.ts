import { z } from 'zod';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { ContentError } from '../content/errors.ts';
import { readContentFolder } from '../content/files.ts';
import { CLIENT_GROUPS, GUIDELINE_GROUP_KEYS, GUIDELINE_GROUPS, GUIDELINES, REFLECTION_STEPS, SECTORS, type Deck } from './vocabulary.ts';
import type { CardWording } from '../db/schema/cards.ts';

// The shape of content/cards/: one file per situation card in situations/, one file per
// one-question deck in one-question/<group>.yaml. Every card must be in all five languages.

const line = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** A value per platform locale, every one required: a card missing a language does not import. */
function everyLocale<T extends z.ZodType>(value: T) {
	return z.strictObject(Object.fromEntries(LOCALES.map((l) => [l, value])) as Record<AppLocale, T>);
}

const guideline = z
	.number({ error: 'must be a guideline number' })
	.int()
	.refine((n) => (GUIDELINES as readonly number[]).includes(n), { message: 'is not a guideline (1–12)' });

const situationWording = z.strictObject({
	title: line(120),
	situation: line(1200),
	questions: z.array(line(300)).min(3, 'must have 3 to 5 questions').max(5, 'must have 3 to 5 questions'),
	twists: z.array(line(400)).min(1, 'must have 1 or 2 twists').max(2, 'must have 1 or 2 twists')
});

/** The shape of one `content/cards/situations/<slug>.yaml`. */
export const situationFile = z.strictObject({
	sector: z.enum(SECTORS, { error: `must be one of ${SECTORS.join(', ')}` }),
	clientGroup: z.enum(CLIENT_GROUPS, { error: `must be one of ${CLIENT_GROUPS.join(', ')}` }),
	guidelines: z.array(guideline).min(1, 'must name at least one guideline'),
	steps: z.array(z.enum(REFLECTION_STEPS, { error: `must be one of ${REFLECTION_STEPS.join(', ')}` })).min(1, 'must name at least one step'),
	// Every shipped card is the platform's own writing; a card adapted from elsewhere says so.
	ownWriting: z.boolean().default(true),
	translations: everyLocale(situationWording)
});

/** The shape of one `content/cards/one-question/<group>.yaml`. */
export const oneQuestionFile = z.strictObject({
	cards: z
		.array(
			z.strictObject({
				guideline,
				steps: z.array(z.enum(REFLECTION_STEPS)).default([]),
				translations: everyLocale(line(300))
			})
		)
		.min(1, 'must have at least one card')
});

/** One card as the importer stores it. */
export type CardSource = {
	slug: string;
	file: string;
	hash: string;
	deck: Deck;
	position: number;
	sector: string | null;
	clientGroup: string | null;
	guidelines: number[];
	steps: string[];
	ownWriting: boolean;
	wording: Record<AppLocale, CardWording>;
};

/**
 * Reads and validates every card under `content/cards/`. Throws a ContentError naming the file and
 * field: a missing language, questions outside 3–5, twists outside 1–2, an unknown guideline,
 * step, sector or client group, or a one-question card whose guideline is outside its deck's group.
 */
export function readCards(contentDir: string): CardSource[] {
	const situations = readContentFolder(contentDir, 'cards/situations', situationFile).map(
		(f, position): CardSource => ({
			slug: f.slug,
			file: f.file,
			hash: f.hash,
			deck: 'situations',
			position,
			sector: f.data.sector,
			clientGroup: f.data.clientGroup,
			guidelines: f.data.guidelines,
			steps: f.data.steps,
			ownWriting: f.data.ownWriting,
			wording: f.data.translations
		})
	);
	const decks = readContentFolder(contentDir, 'cards/one-question', oneQuestionFile).flatMap((f) => {
		const group = GUIDELINE_GROUP_KEYS.find((g) => g === f.slug);
		if (!group) throw new ContentError(f.file, '', `the file name must be a guideline group (${GUIDELINE_GROUP_KEYS.join(', ')})`);
		const allowed = GUIDELINE_GROUPS[group] as readonly number[];
		return f.data.cards.map((c, index): CardSource => {
			if (!allowed.includes(c.guideline)) throw new ContentError(f.file, `cards.${index}.guideline`, `guideline ${c.guideline} is not in the ${group} group (${allowed.join(', ')})`);
			const wording = Object.fromEntries(
				LOCALES.map((locale): [AppLocale, CardWording] => [locale, { title: c.translations[locale], situation: '', questions: [], twists: [] }])
			) as Record<AppLocale, CardWording>;
			return {
				slug: `${group}-${index + 1}`,
				file: f.file,
				hash: f.hash + ':' + JSON.stringify(c),
				deck: group,
				position: index,
				sector: null,
				clientGroup: null,
				guidelines: [c.guideline],
				steps: c.steps,
				ownWriting: true,
				wording
			};
		});
	});
	return [...situations, ...decks];
}
