import { describe, expect, it } from 'vitest';
import { ACTIONS, can, ORGANISATION_ROLES, type Actor, type OrganisationRole } from '../../src/lib/server/policies/index.ts';

// policies/benchmarks.ts: every rule, allowed and refused.
const me: Actor = { id: 'me', role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
const admin: Actor = { ...me, id: 'admin', role: 'admin', totpEnabled: true, secondFactorVerified: true };
const roles: (OrganisationRole | null)[] = [...ORGANISATION_ROLES, null];
const rolesWhere = (rule: (role: OrganisationRole | null) => boolean) => roles.filter(rule);

describe('benchmarks policy', () => {
	it('every benchmark action is in the table', () => {
		for (const action of ['benchmark:view', 'benchmark:edit', 'benchmark:publish', 'benchmark:track']) expect(ACTIONS).toContain(action);
	});

	it('benchmark:view — the organisation’s members, nobody else (an admin is no exception), nobody signed out', () => {
		expect(rolesWhere((role) => can(me, 'benchmark:view', { role }))).toEqual(['owner', 'leader', 'member']);
		expect(can(admin, 'benchmark:view', { role: null })).toBe(false);
		expect(can(null, 'benchmark:view', { role: 'owner' })).toBe(false);
	});

	it('benchmark:edit and benchmark:publish — owners and leaders only', () => {
		for (const action of ['benchmark:edit', 'benchmark:publish'] as const) {
			expect(rolesWhere((role) => can(me, action, { role }))).toEqual(['owner', 'leader']);
			expect(can(null, action, { role: 'owner' })).toBe(false);
		}
	});

	it('benchmark:track — leaders any target, a member the targets they own, strangers none', () => {
		expect(rolesWhere((role) => can(me, 'benchmark:track', { role, ownerId: 'someone else' }))).toEqual(['owner', 'leader']);
		expect(rolesWhere((role) => can(me, 'benchmark:track', { role, ownerId: 'me' }))).toEqual(['owner', 'leader', 'member']);
		expect(can(me, 'benchmark:track', { role: 'member', ownerId: null })).toBe(false);
		expect(can(null, 'benchmark:track', { role: 'owner', ownerId: 'me' })).toBe(false);
	});
});
