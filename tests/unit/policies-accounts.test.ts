import { describe, expect, it } from 'vitest';
import { can, needsSecondFactor, type Actor } from '../../src/lib/server/policies/index.ts';

// policies/accounts.ts: every rule, allowed and refused.
const actor = (role: string, totp = false, verified = false, id = 'me'): Actor => ({ id, role, emailVerified: true, totpEnabled: totp, secondFactorVerified: verified });
const ADMIN_ACTIONS = ['admin:area', 'admin:users', 'admin:outbox', 'admin:audit', 'admin:learning-records'] as const;

describe('account policy', () => {
	it('gives nobody anything when signed out', () => {
		expect(can(null, 'account:use')).toBe(false);
		expect(can(null, 'account:edit', { userId: 'me' })).toBe(false);
		for (const action of ADMIN_ACTIONS) expect(can(null, action)).toBe(false);
		expect(can(null, 'content:edit')).toBe(false);
		expect(needsSecondFactor(null)).toBe(false);
	});

	it('account:use — anyone signed in', () => {
		expect(can(actor('member'), 'account:use')).toBe(true);
	});

	it('account:view and account:edit — only one’s own account', () => {
		for (const action of ['account:view', 'account:edit'] as const) {
			expect(can(actor('member'), action, { userId: 'me' })).toBe(true);
			expect(can(actor('member'), action, { userId: 'someone-else' })).toBe(false);
			// Being an admin gives no right to someone else's own-account pages.
			expect(can(actor('admin', true, true), action, { userId: 'someone-else' })).toBe(false);
		}
	});

	it('admin:* — admins who used their second factor in this session, nobody else', () => {
		for (const action of ADMIN_ACTIONS) {
			expect(can(actor('admin', true, true), action)).toBe(true);
			expect(can(actor('admin'), action)).toBe(false);
			expect(can(actor('admin', true, false), action)).toBe(false);
			expect(can(actor('editor', true, true), action)).toBe(false);
			expect(can(actor('facilitator', true, true), action)).toBe(false);
			expect(can(actor('member', true, true), action)).toBe(false);
		}
	});

	it('admin:manage_user — an admin, on anyone but themselves', () => {
		expect(can(actor('admin', true, true), 'admin:manage_user', { id: 'other' })).toBe(true);
		expect(can(actor('admin', true, true), 'admin:manage_user', { id: 'me' })).toBe(false);
		expect(can(actor('admin'), 'admin:manage_user', { id: 'other' })).toBe(false);
		expect(can(actor('editor', true, true), 'admin:manage_user', { id: 'other' })).toBe(false);
	});

	it('content:edit — editors and admins with a second factor used', () => {
		expect(can(actor('editor', true, true), 'content:edit')).toBe(true);
		expect(can(actor('admin', true, true), 'content:edit')).toBe(true);
		expect(can(actor('editor', true, false), 'content:edit')).toBe(false);
		expect(can(actor('member', true, true), 'content:edit')).toBe(false);
		expect(can(actor('facilitator', true, true), 'content:edit')).toBe(false);
	});

	it('admin:enter and content:enter — the ways in are shown by role, before the second factor', () => {
		expect(can(actor('admin'), 'admin:enter')).toBe(true);
		expect(can(actor('editor'), 'admin:enter')).toBe(false);
		expect(can(actor('member'), 'admin:enter')).toBe(false);
		expect(can(actor('editor'), 'content:enter')).toBe(true);
		expect(can(actor('admin'), 'content:enter')).toBe(true);
		expect(can(actor('facilitator'), 'content:enter')).toBe(false);
		expect(can(null, 'content:enter')).toBe(false);
	});

	it('says when a role waits for a second factor', () => {
		expect(needsSecondFactor(actor('admin'))).toBe(true);
		expect(needsSecondFactor(actor('editor', true, false))).toBe(true);
		expect(needsSecondFactor(actor('editor', true, true))).toBe(false);
		expect(needsSecondFactor(actor('member'))).toBe(false);
	});
});
