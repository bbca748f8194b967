import { describe, expect, it } from 'vitest';
import { can, ORGANISATION_ROLES, type Actor, type OrganisationRole } from '../../src/lib/server/policies/index.ts';

// policies/quality.ts: every rule, allowed and refused.
const me: Actor = { id: 'me', role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
const platformAdmin: Actor = { ...me, role: 'admin', totpEnabled: true, secondFactorVerified: true };
const roles: (OrganisationRole | null)[] = [...ORGANISATION_ROLES, null];
const allowedFor = (rule: (role: OrganisationRole | null) => boolean) => roles.filter(rule);

describe('quality policy', () => {
	it('quality:view — every member of the organisation, nobody else (a platform admin neither)', () => {
		expect(allowedFor((role) => can(me, 'quality:view', { role }))).toEqual(['owner', 'leader', 'member']);
		expect(can(platformAdmin, 'quality:view', { role: null })).toBe(false);
		expect(can(null, 'quality:view', { role: 'owner' })).toBe(false);
	});

	it('quality:lead — owners and leaders', () => {
		expect(allowedFor((role) => can(me, 'quality:lead', { role }))).toEqual(['owner', 'leader']);
		expect(can(platformAdmin, 'quality:lead', { role: null })).toBe(false);
	});

	it('quality:benchmark — owners and leaders decide on the sector benchmark', () => {
		expect(allowedFor((role) => can(me, 'quality:benchmark', { role }))).toEqual(['owner', 'leader']);
		expect(can(platformAdmin, 'quality:benchmark', { role: null })).toBe(false);
		expect(can(null, 'quality:benchmark', { role: 'owner' })).toBe(false);
	});

	it('quality:results — members, once the round has closed', () => {
		expect(allowedFor((role) => can(me, 'quality:results', { role, status: 'closed' }))).toEqual(['owner', 'leader', 'member']);
		expect(allowedFor((role) => can(me, 'quality:results', { role, status: 'open' }))).toEqual([]);
		expect(allowedFor((role) => can(me, 'quality:results', { role, status: 'open', liveResults: false }))).toEqual([]);
	});

	it('quality:results — live results while open: the leaders only, only when the round was opened so', () => {
		expect(allowedFor((role) => can(me, 'quality:results', { role, status: 'open', liveResults: true }))).toEqual(['owner', 'leader']);
		// Closed: every member again, live or not.
		expect(allowedFor((role) => can(me, 'quality:results', { role, status: 'closed', liveResults: true }))).toEqual(['owner', 'leader', 'member']);
		expect(can(platformAdmin, 'quality:results', { role: null, status: 'open', liveResults: true })).toBe(false);
		expect(can(null, 'quality:results', { role: 'owner', status: 'open', liveResults: true })).toBe(false);
	});

	it('quality:answer — only the rater themselves, only while the round is open', () => {
		expect(can(me, 'quality:answer', { status: 'open', raterUserId: 'me' })).toBe(true);
		expect(can(me, 'quality:answer', { status: 'closed', raterUserId: 'me' })).toBe(false);
		expect(can(me, 'quality:answer', { status: 'open', raterUserId: 'someone else' })).toBe(false);
		expect(can(me, 'quality:answer', { status: 'open', raterUserId: null })).toBe(false);
		expect(can(null, 'quality:answer', { status: 'open', raterUserId: 'me' })).toBe(false);
	});
});
