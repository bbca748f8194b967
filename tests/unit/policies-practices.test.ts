import { describe, expect, it } from 'vitest';
import { ACTIONS, can, ORGANISATION_ROLES, type Actor, type OrganisationRole, type PracticeAsSeen } from '../../src/lib/server/policies/index.ts';

// policies/practices.ts: every rule, allowed and refused.
const me: Actor = { id: 'me', role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
const editor: Actor = { ...me, id: 'ed', role: 'editor', totpEnabled: true, secondFactorVerified: true };
const editorWithoutSecondFactor: Actor = { ...editor, secondFactorVerified: false };
const STATUSES = ['draft', 'submitted', 'published'] as const;
const roles: (OrganisationRole | null)[] = [...ORGANISATION_ROLES, null];

const orgOwned = (status: string, role: OrganisationRole | null): PracticeAsSeen => ({ status, ownerId: 'someone', organisationOwned: true, role });
const personOwned = (status: string, ownerId: string | null): PracticeAsSeen => ({ status, ownerId, organisationOwned: false, role: null });
const statusesWhere = (rule: (status: string) => boolean) => STATUSES.filter(rule);

describe('practices policy', () => {
	it('every practice action is in the table', () => {
		for (const action of ['practice:create', 'practice:view', 'practice:edit', 'practice:submit', 'practice:review', 'practice:delete', 'practice:queue', 'practice:import']) expect(ACTIONS).toContain(action);
	});

	it('practice:create — anyone signed in, nobody signed out', () => {
		expect(can(me, 'practice:create')).toBe(true);
		expect(can(null, 'practice:create')).toBe(false);
	});

	it('practice:view — published for all signed in; drafts only for the owning organisation’s members or the owning person', () => {
		for (const role of roles) expect(can(me, 'practice:view', orgOwned('published', role))).toBe(true);
		expect(roles.filter((role) => can(me, 'practice:view', orgOwned('draft', role)))).toEqual(['owner', 'leader', 'member']);
		expect(can(me, 'practice:view', personOwned('draft', 'me'))).toBe(true);
		expect(can(me, 'practice:view', personOwned('draft', 'someone else'))).toBe(false);
		// An editor sees what was submitted or published, never someone's draft.
		expect(statusesWhere((s) => can(editor, 'practice:view', orgOwned(s, null)))).toEqual(['submitted', 'published']);
		expect(can(editorWithoutSecondFactor, 'practice:view', orgOwned('submitted', null))).toBe(false);
		expect(can(null, 'practice:view', orgOwned('published', 'owner'))).toBe(false);
	});

	it('practice:edit — owners except while it waits for review; editors once it left the owners, and unowned examples', () => {
		expect(statusesWhere((s) => can(me, 'practice:edit', orgOwned(s, 'member')))).toEqual(['draft', 'published']);
		expect(statusesWhere((s) => can(me, 'practice:edit', orgOwned(s, null)))).toEqual([]);
		expect(statusesWhere((s) => can(me, 'practice:edit', personOwned(s, 'me')))).toEqual(['draft', 'published']);
		expect(statusesWhere((s) => can(editor, 'practice:edit', orgOwned(s, null)))).toEqual(['submitted', 'published']);
		expect(statusesWhere((s) => can(editor, 'practice:edit', personOwned(s, null)))).toEqual(['draft', 'submitted', 'published']);
		expect(can(me, 'practice:edit', personOwned('published', null))).toBe(false);
	});

	it('practice:submit — the owners, from draft only', () => {
		expect(statusesWhere((s) => can(me, 'practice:submit', orgOwned(s, 'member')))).toEqual(['draft']);
		expect(can(me, 'practice:submit', orgOwned('draft', null))).toBe(false);
		expect(can(editor, 'practice:submit', orgOwned('draft', null))).toBe(false);
	});

	it('practice:review — editors with their second factor, submitted practices only', () => {
		expect(statusesWhere((s) => can(editor, 'practice:review', orgOwned(s, null)))).toEqual(['submitted']);
		expect(can(editorWithoutSecondFactor, 'practice:review', orgOwned('submitted', null))).toBe(false);
		expect(can(me, 'practice:review', orgOwned('submitted', 'owner'))).toBe(false);
	});

	it('practice:delete — owners their drafts, editors what left the owners', () => {
		expect(statusesWhere((s) => can(me, 'practice:delete', orgOwned(s, 'owner')))).toEqual(['draft']);
		expect(statusesWhere((s) => can(editor, 'practice:delete', orgOwned(s, null)))).toEqual(['submitted', 'published']);
		expect(can(me, 'practice:delete', orgOwned('draft', null))).toBe(false);
	});

	it('practice:queue — editors with their second factor', () => {
		expect(can(editor, 'practice:queue')).toBe(true);
		expect(can(editorWithoutSecondFactor, 'practice:queue')).toBe(false);
		expect(can(me, 'practice:queue')).toBe(false);
	});

	it('practice:import — editors with their second factor', () => {
		expect(can(editor, 'practice:import')).toBe(true);
		expect(can(editorWithoutSecondFactor, 'practice:import')).toBe(false);
		expect(can(me, 'practice:import')).toBe(false);
		expect(can(null, 'practice:import')).toBe(false);
	});
});
