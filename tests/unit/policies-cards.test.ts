import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../src/lib/server/policies/index.ts';

// policies/cards.ts: every rule, allowed and refused.
const person = (id = 'me', verified = true): Actor => ({ id, role: 'member', emailVerified: verified, totpEnabled: false, secondFactorVerified: false });

describe('ethics cards policy', () => {
	it('card:reflect — anyone signed in, nobody signed out', () => {
		expect(can(person(), 'card:reflect')).toBe(true);
		expect(can(person('x', false), 'card:reflect')).toBe(true);
		expect(can(null, 'card:reflect')).toBe(false);
	});

	it('card-reflection:edit — only the writer', () => {
		expect(can(person('me'), 'card-reflection:edit', { userId: 'me' })).toBe(true);
		expect(can(person('me'), 'card-reflection:edit', { userId: 'someone-else' })).toBe(false);
		expect(can(null, 'card-reflection:edit', { userId: 'me' })).toBe(false);
	});
});

describe('live card sessions policy', () => {
	it('card-session:create — a verified user, nobody unverified or signed out', () => {
		expect(can(person(), 'card-session:create')).toBe(true);
		expect(can(person('x', false), 'card-session:create')).toBe(false);
		expect(can(null, 'card-session:create')).toBe(false);
	});

	it('card-session:run — only the facilitator', () => {
		expect(can(person('me'), 'card-session:run', { facilitatorId: 'me' })).toBe(true);
		expect(can(person('me'), 'card-session:run', { facilitatorId: 'someone-else' })).toBe(false);
		expect(can(null, 'card-session:run', { facilitatorId: 'me' })).toBe(false);
	});
});
