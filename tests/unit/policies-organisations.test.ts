import { describe, expect, it } from 'vitest';
import { can, ORGANISATION_ROLES, type Actor, type OrganisationRole } from '../../src/lib/server/policies/index.ts';

// policies/organisations.ts: every rule, allowed and refused. The resource is the organisation as
// the actor stands in it (their role, or null).
const me: Actor = { id: 'me', role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
const platformAdmin: Actor = { ...me, role: 'admin', totpEnabled: true, secondFactorVerified: true };
const roles: (OrganisationRole | null)[] = [...ORGANISATION_ROLES, null];
const allowedFor = (rule: (role: OrganisationRole | null) => boolean) => roles.filter(rule);

describe('organisation policy', () => {
	it('organisation:create — anyone signed in, nobody signed out', () => {
		expect(can(me, 'organisation:create')).toBe(true);
		expect(can(null, 'organisation:create')).toBe(false);
	});

	it('lets nobody who is not a member do anything, not even look — a platform admin neither', () => {
		const actions = ['organisation:view', 'organisation:members', 'organisation:leave', 'organisation:invitations', 'organisation:transfer'] as const;
		for (const action of actions) {
			expect(can(me, action, { role: null })).toBe(false);
			expect(can(platformAdmin, action, { role: null })).toBe(false);
			expect(can(null, action, { role: 'owner' })).toBe(false);
		}
		expect(can(platformAdmin, 'organisation:invite', { role: null, invitedRole: 'member' })).toBe(false);
		expect(can(platformAdmin, 'organisation:remove_member', { role: null })).toBe(false);
	});

	it('organisation:view, :members, :leave — every member', () => {
		for (const action of ['organisation:view', 'organisation:members', 'organisation:leave'] as const) {
			expect(allowedFor((role) => can(me, action, { role }))).toEqual(['owner', 'leader', 'member']);
		}
	});

	it('organisation:invitations — owners and leaders', () => {
		expect(allowedFor((role) => can(me, 'organisation:invitations', { role }))).toEqual(['owner', 'leader']);
	});

	it('organisation:transfer — owners only', () => {
		expect(allowedFor((role) => can(me, 'organisation:transfer', { role }))).toEqual(['owner']);
	});

	it('organisation:invite — owners invite leaders and members, leaders members, nobody an owner', () => {
		expect(allowedFor((role) => can(me, 'organisation:invite', { role, invitedRole: 'member' }))).toEqual(['owner', 'leader']);
		expect(allowedFor((role) => can(me, 'organisation:invite', { role, invitedRole: 'leader' }))).toEqual(['owner']);
		expect(allowedFor((role) => can(me, 'organisation:invite', { role, invitedRole: 'owner' }))).toEqual([]);
	});

	it('organisation:remove_member — owners anyone, leaders leaders and members, nobody themselves', () => {
		const remove = (role: OrganisationRole | null, target: OrganisationRole, userId = 'other') =>
			can(me, 'organisation:remove_member', { role, member: { userId, role: target } });
		expect(allowedFor((role) => remove(role, 'member'))).toEqual(['owner', 'leader']);
		expect(allowedFor((role) => remove(role, 'leader'))).toEqual(['owner', 'leader']);
		expect(allowedFor((role) => remove(role, 'owner'))).toEqual(['owner']);
		expect(allowedFor((role) => remove(role, 'owner', 'me'))).toEqual([]);
		// Without a member: whether the actor may remove anyone at all.
		expect(allowedFor((role) => can(me, 'organisation:remove_member', { role }))).toEqual(['owner', 'leader']);
	});
});
