// The order a learner sees a quiz question's options in. The files keep the right answers spread
// over the positions (content:check fails above 40% on one letter), and the page still shuffles the
// options per learner, so the letter in the file never reaches the learner: the same learner sees the same order on every visit and attempt (answers,
// drafts and feedback stay where they were), another learner sees another order.
import { createHash } from 'node:crypto';

/** `items` in an order fixed by `seed` (e.g. learner, lesson and question): a stable shuffle. */
export function stableShuffle<T extends { key: string }>(items: readonly T[], seed: string): T[] {
	const rank = (key: string) => createHash('sha256').update(`${seed}\u0000${key}`).digest('hex');
	return items
		.map((item) => ({ item, rank: rank(item.key) }))
		.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
		.map((x) => x.item);
}
