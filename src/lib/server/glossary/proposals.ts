import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { glossaryProposal, glossaryTerm, glossaryTranslation } from '../db/schema/glossary.ts';
import { can, type Actor } from '../policies/index.ts';
import { hit, LIMITS } from '../ratelimit/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { editTermTranslation } from './editing.ts';

// Co-careering contributions: a member proposes a term; an editor accepts it (it becomes a term of
// the glossary in the proposal's language, edited in the platform so the content import keeps it)
// or rejects it with a reason the proposer reads. The accepted term's page credits its proposer.

export const GLOSSARY_AUDIT_EVENTS = ['glossary_proposal_accepted', 'glossary_proposal_rejected'] as const;

export type TermProposalInput = { term: string; definition: string; source: string; link: string | null };

export type TermProposal = {
	id: number;
	locale: string;
	term: string;
	definition: string;
	source: string;
	link: string | null;
	status: string;
	reason: string | null;
	/** The term it became, once accepted. */
	slug: string | null;
	createdAt: Date;
};

const notFound = () => problem('not_found');

/** Whether a term with this wording already stands in the glossary in that language (case and accents aside). */
async function termExists(db: DbOrTx, locale: string, term: string): Promise<boolean> {
	const [row] = await db
		.select({ id: glossaryTranslation.termId })
		.from(glossaryTranslation)
		.where(and(eq(glossaryTranslation.locale, locale), sql`lower(${glossaryTranslation.term}) = lower(${term})`))
		.limit(1);
	return !!row;
}

/** A member proposes a term in their language: pending in the editors' queue. */
export async function proposeTerm(db: DbOrTx, actor: Actor, input: TermProposalInput, locale: AppLocale): Promise<Result<{ id: number }>> {
	if (!actor || !can(actor, 'glossary:propose')) return problem('forbidden');
	if (await termExists(db, locale, input.term)) return problem('conflict', { field: 'term', key: 'glossary_error_term_exists' });
	if (!(await hit(db, LIMITS.glossaryProposalsPerAccount, actor.id))) return problem('rate_limited', { field: 'term', key: 'glossary_error_rate_limited' });
	const [row] = await db
		.insert(glossaryProposal)
		.values({ authorId: actor.id, locale, term: input.term, definition: input.definition, source: input.source, link: input.link })
		.returning({ id: glossaryProposal.id });
	return ok({ id: row!.id });
}

/** The pending proposals, oldest first (editors), or the actor's own with their status, newest first. */
export async function listTermProposals(db: DbOrTx, actor: Actor, which: 'queue' | 'mine'): Promise<Result<TermProposal[]>> {
	if (!actor || !can(actor, 'glossary:propose')) return problem('forbidden');
	if (which === 'queue' && !can(actor, 'glossary:curate')) return notFound();
	const rows = await db
		.select({
			id: glossaryProposal.id,
			locale: glossaryProposal.locale,
			term: glossaryProposal.term,
			definition: glossaryProposal.definition,
			source: glossaryProposal.source,
			link: glossaryProposal.link,
			status: glossaryProposal.status,
			reason: glossaryProposal.reason,
			slug: glossaryTerm.slug,
			createdAt: glossaryProposal.createdAt
		})
		.from(glossaryProposal)
		.leftJoin(glossaryTerm, eq(glossaryTerm.id, glossaryProposal.termId))
		.where(which === 'queue' ? eq(glossaryProposal.status, 'pending') : eq(glossaryProposal.authorId, actor.id))
		.orderBy(which === 'queue' ? glossaryProposal.createdAt : desc(glossaryProposal.createdAt), desc(glossaryProposal.id));
	return ok(rows);
}

function slugBase(term: string): string {
	return (
		term
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || 'term'
	);
}

async function freeSlug(db: DbOrTx, term: string): Promise<string> {
	const base = slugBase(term);
	const [taken] = await db.select({ id: glossaryTerm.id }).from(glossaryTerm).where(eq(glossaryTerm.slug, base));
	return taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
}

/**
 * An editor accepts a pending proposal (the term is created with the editor's wording revision,
 * through the glossary editor) or rejects it with a reason. Anything but a pending proposal: not_found.
 */
export async function decideTermProposal(
	db: DbOrTx,
	actor: Actor,
	id: number,
	decision: 'accept' | 'reject',
	reason: string,
	ip: string | null = null
): Promise<Result<{ slug: string | null }>> {
	if (!actor || !can(actor, 'glossary:curate')) return notFound();
	if (decision === 'reject' && !reason) return problem('invalid', { field: 'reason', key: 'glossary_error_reason' });
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(glossaryProposal).where(eq(glossaryProposal.id, id)).for('update');
		if (!row || row.status !== 'pending') return notFound();
		if (decision === 'reject') {
			await tx.update(glossaryProposal).set({ status: 'rejected', reason, decidedBy: actor.id, decidedAt: sql`now()` }).where(eq(glossaryProposal.id, id));
			await audit(tx, { event: 'glossary_proposal_rejected', actorId: actor.id, subjectId: row.authorId, ip, detail: { proposal: id } });
			return ok({ slug: null });
		}
		if (await termExists(tx, row.locale, row.term)) return problem('conflict', { field: 'decision', key: 'glossary_error_term_exists' });
		const slug = await freeSlug(tx, row.term);
		const [term] = await tx
			.insert(glossaryTerm)
			.values({ slug, sourceCitation: row.source, sourceUrl: row.link, editedInPlatform: true })
			.returning({ id: glossaryTerm.id });
		const saved = await editTermTranslation(tx, actor, slug, row.locale as AppLocale, { term: row.term, definition: row.definition });
		if (!saved.ok) throw new Error(`glossary proposal ${id}: the new term could not be saved`);
		await tx
			.update(glossaryProposal)
			.set({ status: 'accepted', reason: reason || null, termId: term!.id, decidedBy: actor.id, decidedAt: sql`now()` })
			.where(eq(glossaryProposal.id, id));
		await audit(tx, { event: 'glossary_proposal_accepted', actorId: actor.id, subjectId: row.authorId, ip, detail: { proposal: id, term: slug } });
		return ok({ slug });
	});
}

/**
 * The credit on an accepted term's page: undefined when no member proposed it; otherwise the
 * proposer's display name, or null when their profile is hidden or the account is gone.
 */
export async function proposerOf(db: DbOrTx, slug: string): Promise<{ name: string | null } | undefined> {
	const [row] = await db
		.select({ authorId: glossaryProposal.authorId, name: user.displayName, visible: user.profileVisible, disabledAt: user.disabledAt })
		.from(glossaryProposal)
		.innerJoin(glossaryTerm, eq(glossaryTerm.id, glossaryProposal.termId))
		.leftJoin(user, eq(user.id, glossaryProposal.authorId))
		.where(and(eq(glossaryTerm.slug, slug), eq(glossaryProposal.status, 'accepted')))
		.limit(1);
	if (!row) return undefined;
	return { name: row.authorId && row.visible && !row.disabledAt && row.name ? row.name : null };
}

