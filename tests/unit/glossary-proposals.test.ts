import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { glossaryTerm } from '../../src/lib/server/db/schema/glossary.ts';
import { auditEvent } from '../../src/lib/server/db/schema/platform.ts';
import { termForEditing } from '../../src/lib/server/glossary/editing.ts';
import { glossary } from '../../src/lib/server/glossary/index.ts';
import { decideTermProposal, listTermProposals, proposerOf, proposeTerm } from '../../src/lib/server/glossary/proposals.ts';
import { getGlossaryTerm, listGlossary } from '../../src/lib/server/glossary/queries.ts';
import { LIMITS } from '../../src/lib/server/ratelimit/index.ts';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import { searchEverything as search } from '../../src/lib/server/platform/search.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { runPendingEvents } from '../helpers/events.ts';
import { value } from '../helpers/result.ts';

const FILES: Record<string, string> = {
	'career.yaml': `source:
  citation: "Test source (2026)."
translations:
  en:
    term: "Career"
    definition: "The sequence of work and learning over a life."
`
};

function contentDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-glossary-proposals-'));
	fs.mkdirSync(path.join(dir, 'glossary'));
	for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, 'glossary', name), text);
	return dir;
}


const proposal = { term: 'Career shock', definition: 'A disruptive event that makes a person rethink their career.', source: 'Akkermans et al. (2018)', link: 'https://example.org/career-shock' };

describe.each(testDatabases())('glossary proposals on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
		await seedContent(database, [contentDir(), { only: ['glossary'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(email: string, role: string, profileVisible = false): Promise<NonNullable<Actor>> {
		const [row] = await database.db
			.insert(user)
			.values({ email, displayName: `Name of ${email}`, locale: 'en', country: 'NO', sector: 'other', role, profileVisible })
			.returning();
		return { id: row!.id, role, emailVerified: true, totpEnabled: role !== 'member', secondFactorVerified: role !== 'member' };
	}

	it('a member proposes; an editor accepts it into the glossary (kept by the import, found by search) and the page credits the proposer', async () => {
		const member = await person('member@example.org', 'member', true);
		const other = await person('other@example.org', 'member');
		const editor = await person('editor@example.org', 'editor');
		expect(await proposeTerm(database.db, null, proposal, 'en')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		// A term the glossary already has, in that language, is refused.
		expect(await proposeTerm(database.db, member, { ...proposal, term: 'career' }, 'en')).toMatchObject({ ok: false, problem: { kind: 'conflict', field: 'term' } });
		const { id } = value(await proposeTerm(database.db, member, proposal, 'nb'));

		// The queue is the editors'; the proposer sees their own, pending; another member sees none.
		expect(await listTermProposals(database.db, member, 'queue')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await listTermProposals(database.db, { ...editor, secondFactorVerified: false }, 'queue')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(value(await listTermProposals(database.db, editor, 'queue'))).toMatchObject([{ id, term: 'Career shock', locale: 'nb', status: 'pending' }]);
		expect(value(await listTermProposals(database.db, member, 'mine'))).toMatchObject([{ id, status: 'pending', slug: null }]);
		expect(value(await listTermProposals(database.db, other, 'mine'))).toEqual([]);

		// Only an editor with their second factor decides.
		expect(await decideTermProposal(database.db, member, id, 'accept', '')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await decideTermProposal(database.db, { ...editor, secondFactorVerified: false }, id, 'accept', '')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await decideTermProposal(database.db, editor, 999999, 'accept', '')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });

		const { slug } = value(await decideTermProposal(database.db, editor, id, 'accept', '', '192.0.2.1'));
		expect(slug).toBe('career-shock');
		// Decided once only.
		expect(await decideTermProposal(database.db, editor, id, 'reject', 'Too late')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });

		// In the glossary, in the language it was written in, with its source; marked edited in the platform, with a revision by the editor.
		const found = await getGlossaryTerm(database.db, 'career-shock', 'nb');
		expect(found?.entry).toMatchObject({ term: 'Career shock', definition: proposal.definition, shownLocale: 'nb', sourceCitation: proposal.source, sourceUrl: proposal.link });
		// A reader in another language gets it, said to be in Norwegian, and it is in their A–Z list.
		expect((await getGlossaryTerm(database.db, 'career-shock', 'cs'))?.entry).toMatchObject({ term: 'Career shock', shownLocale: 'nb' });
		expect((await listGlossary(database.db, 'en')).map((e) => e.term)).toEqual(['Career', 'Career shock']);
		const [row] = await database.db.select().from(glossaryTerm).where(eq(glossaryTerm.slug, 'career-shock'));
		expect(row!.editedInPlatform).toBe(true);
		expect(value(await termForEditing(database.db, editor, 'career-shock', 'nb')).revisions).toMatchObject([{ previousTerm: null, term: 'Career shock', editorName: 'Name of editor@example.org' }]);
		await runPendingEvents(database);
		expect((await search(database.db, 'nb', 'disruptive event')).hits.map((h) => h.path)).toContain('/glossary/career-shock');
		await importAllContent(database.db, contentDir(), { only: ['glossary'], force: true });
		expect((await getGlossaryTerm(database.db, 'career-shock', 'nb'))?.entry.term).toBe('Career shock');

		// The proposer sees it accepted, with the term; the page credits them by name (their profile is visible).
		expect(value(await listTermProposals(database.db, member, 'mine'))).toMatchObject([{ id, status: 'accepted', slug: 'career-shock' }]);
		expect(await proposerOf(database.db, 'career-shock')).toEqual({ name: 'Name of member@example.org' });
		expect(await proposerOf(database.db, 'career')).toBeUndefined();
		// A hidden profile: credited without the name.
		await database.db.update(user).set({ profileVisible: false }).where(eq(user.id, member.id));
		expect(await proposerOf(database.db, 'career-shock')).toEqual({ name: null });

		const events = await database.db.select().from(auditEvent).where(eq(auditEvent.event, 'glossary_proposal_accepted'));
		expect(events).toMatchObject([{ actorId: editor.id, subjectId: member.id, ip: '192.0.2.1', detail: { proposal: id, term: 'career-shock' } }]);
	});

	it('an editor rejects with a reason the proposer reads; a second proposal of the same wording gets its own address', async () => {
		const member = await person('member@example.org', 'member');
		const editor = await person('editor@example.org', 'admin');
		const { id } = value(await proposeTerm(database.db, member, proposal, 'en'));
		expect(await decideTermProposal(database.db, editor, id, 'reject', '')).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'reason' } });
		expect(value(await decideTermProposal(database.db, editor, id, 'reject', 'Please cite the source in full.'))).toEqual({ slug: null });
		expect(value(await listTermProposals(database.db, member, 'mine'))).toMatchObject([{ id, status: 'rejected', reason: 'Please cite the source in full.' }]);
		expect(value(await listTermProposals(database.db, editor, 'queue'))).toEqual([]);
		expect(await getGlossaryTerm(database.db, 'career-shock', 'en')).toBeUndefined();
		expect(await database.db.select().from(auditEvent).where(eq(auditEvent.event, 'glossary_proposal_rejected'))).toMatchObject([{ actorId: editor.id, subjectId: member.id }]);

		// Two pending proposals of one wording: the first accepted, the second is refused as a duplicate.
		const a = value(await proposeTerm(database.db, member, proposal, 'en'));
		const b = value(await proposeTerm(database.db, member, proposal, 'en'));
		value(await decideTermProposal(database.db, editor, a.id, 'accept', ''));
		expect(await decideTermProposal(database.db, editor, b.id, 'accept', '')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
		// The same wording in another language is a term of its own, at its own address.
		const c = value(await proposeTerm(database.db, member, proposal, 'pl'));
		const { slug } = value(await decideTermProposal(database.db, editor, c.id, 'accept', ''));
		expect(slug).toMatch(/^career-shock-[0-9a-f]{6}$/);
	});

	it('takes at most a day’s number of proposals from one member, then refuses with the term field’s message', async () => {
		const member = await person('member@example.org', 'member');
		const other = await person('other@example.org', 'member');
		for (let i = 0; i < LIMITS.glossaryProposalsPerAccount.max; i++) value(await proposeTerm(database.db, member, { ...proposal, term: `Career shock ${i}` }, 'en'));
		expect(await proposeTerm(database.db, member, { ...proposal, term: 'One too many' }, 'en')).toEqual({
			ok: false,
			problem: { kind: 'rate_limited', field: 'term', key: 'glossary_error_rate_limited' }
		});
		value(await proposeTerm(database.db, other, { ...proposal, term: 'Another member’s term' }, 'en'));
		expect(value(await listTermProposals(database.db, member, 'mine'))).toHaveLength(LIMITS.glossaryProposalsPerAccount.max);
	});

	it('exports a person’s proposals; deleting the account deletes what was not accepted and keeps accepted terms without the author', async () => {
		const member = await person('member@example.org', 'member', true);
		const editor = await person('editor@example.org', 'editor');
		const accepted = value(await proposeTerm(database.db, member, proposal, 'en'));
		value(await proposeTerm(database.db, member, { ...proposal, term: 'Career wellbeing' }, 'en'));
		const rejected = value(await proposeTerm(database.db, member, { ...proposal, term: 'Career luck' }, 'en'));
		value(await decideTermProposal(database.db, editor, accepted.id, 'accept', ''));
		value(await decideTermProposal(database.db, editor, rejected.id, 'reject', 'Not a term of the field.'));

		const part = glossary.personalData!.find((p) => p.key === 'glossaryProposals')!;
		const exported = (await part.export(database.db, member.id)) as { term: string; status: string }[];
		expect(exported.map((p) => [p.term, p.status]).sort()).toEqual([
			['Career luck', 'rejected'],
			['Career shock', 'accepted'],
			['Career wellbeing', 'pending']
		]);
		await database.db.transaction(async (tx) => {
			for (const p of glossary.personalData!) await p.erase?.(tx, { id: member.id, addresses: [] });
		});
		expect(await part.export(database.db, member.id)).toEqual([]);
		// The pending and the rejected one are gone from the queue and everywhere; the term stays, credited to nobody by name.
		expect(value(await listTermProposals(database.db, editor, 'queue'))).toEqual([]);
		expect((await getGlossaryTerm(database.db, 'career-shock', 'en'))?.entry.term).toBe('Career shock');
		expect(await proposerOf(database.db, 'career-shock')).toEqual({ name: null });
		// The editor's own deletion leaves the decision without their id.
		await database.db.transaction(async (tx) => part.erase?.(tx, { id: editor.id, addresses: [] }));
		expect(value(await listTermProposals(database.db, editor, 'queue'))).toEqual([]);
	});
});
