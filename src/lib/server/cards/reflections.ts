import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { card, cardReflection, cardTranslation } from '../db/schema/cards.ts';
import { isSlug, isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { REFLECTION_STEPS, type ReflectionStep } from './vocabulary.ts';

/** The longest note one step may hold. */
export const REFLECTION_STEP_MAX = 4000;

export type Answers = Partial<Record<ReflectionStep, string>>;
export type Reflection = { id: string | null; answers: Answers; updatedAt: Date | null };

async function cardIdOf(db: DbOrTx, slug: string): Promise<number | undefined> {
	if (!isSlug(slug)) return undefined;
	const [row] = await db.select({ id: card.id }).from(card).where(eq(card.slug, slug));
	return row?.id;
}

/** Only the eight steps' notes, each trimmed of trailing space and at most REFLECTION_STEP_MAX long. */
export function checkAnswers(input: Record<string, unknown>): Result<Answers> {
	const answers: Answers = {};
	for (const step of REFLECTION_STEPS) {
		const value = input[step];
		if (value === undefined) continue;
		if (typeof value !== 'string') return problem('invalid', { field: step, key: 'error_invalid' });
		if (value.length > REFLECTION_STEP_MAX) return problem('too_large', { field: step, key: 'error_too_long' });
		answers[step] = value.replace(/\s+$/, '');
	}
	return ok(answers);
}

/** The actor's reflection on a card so far (empty when they have not started one). */
export async function myReflection(db: DbOrTx, actor: Actor, slug: string): Promise<Result<Reflection>> {
	if (!actor || !can(actor, 'card:reflect')) return problem('forbidden');
	const cardId = await cardIdOf(db, slug);
	if (cardId === undefined) return problem('not_found');
	const [row] = await db
		.select({ id: cardReflection.id, userId: cardReflection.userId, answers: cardReflection.answers, updatedAt: cardReflection.updatedAt })
		.from(cardReflection)
		.where(and(eq(cardReflection.userId, actor.id), eq(cardReflection.cardId, cardId)));
	if (!row) return ok({ id: null, answers: {}, updatedAt: null });
	if (!can(actor, 'card-reflection:edit', row)) return problem('not_found');
	return ok({ id: row.id, answers: row.answers, updatedAt: row.updatedAt });
}

/**
 * Saves the steps given (a draft while typing, or the whole form), merged into the actor's
 * reflection on the card; steps not given keep what they had.
 */
export async function saveReflection(db: DbOrTx, actor: Actor, slug: string, input: Record<string, unknown>): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'card:reflect')) return problem('forbidden');
	const checked = checkAnswers(input);
	if (!checked.ok) return checked;
	const cardId = await cardIdOf(db, slug);
	if (cardId === undefined) return problem('not_found');
	const [row] = await db
		.insert(cardReflection)
		.values({ userId: actor.id, cardId, answers: checked.value })
		.onConflictDoUpdate({
			target: [cardReflection.userId, cardReflection.cardId],
			set: { answers: sql`${cardReflection.answers} || excluded.answers`, updatedAt: sql`now()` }
		})
		.returning({ id: cardReflection.id });
	return ok({ id: row!.id });
}

/** Deletes one of the actor's reflections; anyone else's looks like one that does not exist. */
export async function deleteReflection(db: DbOrTx, actor: Actor, id: string): Promise<Result> {
	if (!actor) return problem('forbidden');
	if (!isUuid(id)) return problem('not_found');
	return db.transaction(async (tx) => {
		const [row] = await tx.select({ userId: cardReflection.userId }).from(cardReflection).where(eq(cardReflection.id, id)).for('update');
		if (!row || !can(actor, 'card-reflection:edit', row)) return problem('not_found');
		await tx.delete(cardReflection).where(eq(cardReflection.id, id));
		return ok();
	});
}

export type ReflectionListed = { id: string; slug: string; title: string; steps: number; updatedAt: Date };

/** The actor's reflections, newest first, with the card's title in `locale`. */
export async function listMyReflections(db: DbOrTx, actor: Actor, locale: AppLocale): Promise<Result<ReflectionListed[]>> {
	if (!actor || !can(actor, 'card:reflect')) return problem('forbidden');
	const rows = await db
		.select({ id: cardReflection.id, slug: card.slug, title: cardTranslation.title, answers: cardReflection.answers, updatedAt: cardReflection.updatedAt })
		.from(cardReflection)
		.innerJoin(card, eq(card.id, cardReflection.cardId))
		.innerJoin(cardTranslation, and(eq(cardTranslation.cardId, card.id), eq(cardTranslation.locale, locale)))
		.where(eq(cardReflection.userId, actor.id))
		.orderBy(desc(cardReflection.updatedAt));
	return ok(rows.map(({ answers, ...r }) => ({ ...r, steps: Object.values(answers).filter((a) => a && a.trim()).length })));
}
