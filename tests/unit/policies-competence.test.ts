import { describe, expect, it } from 'vitest';
import { can, TEAM_MINIMUM, type Actor } from '../../src/lib/server/policies/index.ts';

// policies/competence.ts: every rule, allowed and refused.
const person = (role: string, id = 'me', strong = false): Actor => ({ id, role, emailVerified: true, totpEnabled: strong, secondFactorVerified: strong });
const me = person('member');
const admin = person('admin', 'root', true);

describe('competence and CPD policy', () => {
	it('competence:view, competence:edit, cpd:view, cpd:edit, cpd:evidence — the owner only (an admin neither)', () => {
		for (const action of ['competence:view', 'competence:edit', 'cpd:view', 'cpd:edit', 'cpd:evidence'] as const) {
			expect(can(me, action, { userId: 'me' })).toBe(true);
			expect(can(me, action, { userId: 'other' })).toBe(false);
			expect(can(admin, action, { userId: 'me' })).toBe(false);
			expect(can(null, action, { userId: 'me' })).toBe(false);
		}
	});

	it('competence:share — the owner, with an organisation they belong to', () => {
		expect(can(me, 'competence:share', { userId: 'me', role: 'member' })).toBe(true);
		expect(can(me, 'competence:share', { userId: 'me', role: null })).toBe(false);
		expect(can(me, 'competence:share', { userId: 'other', role: 'owner' })).toBe(false);
	});

	it('competence:view_shared — a leader or owner where it is shared, while the share stands', () => {
		const standing = { revokedAt: null };
		expect(can(me, 'competence:view_shared', { role: 'leader', share: standing })).toBe(true);
		expect(can(me, 'competence:view_shared', { role: 'owner', share: standing })).toBe(true);
		// A leader without a share, a revoked share, a plain member, someone outside.
		expect(can(me, 'competence:view_shared', { role: 'leader', share: null })).toBe(false);
		expect(can(me, 'competence:view_shared', { role: 'leader', share: { revokedAt: new Date() } })).toBe(false);
		expect(can(me, 'competence:view_shared', { role: 'member', share: standing })).toBe(false);
		expect(can(admin, 'competence:view_shared', { role: null, share: standing })).toBe(false);
	});

	it('competence:team — a leader, from five shared assessments up (a team of four is refused)', () => {
		expect(TEAM_MINIMUM).toBe(5);
		expect(can(me, 'competence:team', { role: 'leader', shares: 5 })).toBe(true);
		expect(can(me, 'competence:team', { role: 'leader', shares: 4 })).toBe(false);
		expect(can(me, 'competence:team', { role: 'member', shares: 9 })).toBe(false);
		expect(can(null, 'competence:team', { role: 'leader', shares: 9 })).toBe(false);
	});
});
