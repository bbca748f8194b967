import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { discussionOf } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { getGlossaryTerm } from '#lib/server/glossary/queries.ts';
import { proposerOf } from '#lib/server/glossary/proposals.ts';
import { searchEverything } from '#lib/server/platform/search.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const locale = getLocale();
	const found = await getGlossaryTerm(db(), params.slug, locale);
	if (!found) error(404, m.glossary_term_not_found());
	// Where the frameworks speak of this term: the best title matches for it (without its bracket).
	const name = found.entry.term.replace(/\s*\(.*\)\s*$/, '');
	const inFrameworks = (await searchEverything(db(), locale, name, { type: 'framework', limit: 3, exactWords: true })).hits.map((h) => ({ path: h.path, title: h.title }));
	const discussion = await discussionOf(db(), actorOf(locals), { kind: 'glossary', path: `/glossary/${params.slug}` }, locale);
	// A member's accepted proposal: credited by name when their profile is visible.
	const proposer = (await proposerOf(db(), found.entry.slug)) ?? null;
	return { ...found, inFrameworks, discussion, proposer };
};
