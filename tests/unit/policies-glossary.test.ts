import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../src/lib/server/policies/index.ts';

// policies/glossary.ts: every rule, allowed and refused.
const person = (id = 'me', role = 'member', strong = false): Actor => ({ id, role, emailVerified: true, totpEnabled: strong, secondFactorVerified: strong });

describe('glossary policy', () => {
	it('glossary:propose — anyone signed in, nobody signed out', () => {
		expect(can(person(), 'glossary:propose')).toBe(true);
		expect(can(person('f', 'facilitator'), 'glossary:propose')).toBe(true);
		expect(can(person('ed', 'editor', true), 'glossary:propose')).toBe(true);
		expect(can(null, 'glossary:propose')).toBe(false);
	});

	it('glossary:curate — editors and admins with their second factor only', () => {
		expect(can(person('ed', 'editor', true), 'glossary:curate')).toBe(true);
		expect(can(person('a', 'admin', true), 'glossary:curate')).toBe(true);
		expect(can(person('ed', 'editor', false), 'glossary:curate')).toBe(false);
		expect(can(person('a', 'admin', false), 'glossary:curate')).toBe(false);
		expect(can(person(), 'glossary:curate')).toBe(false);
		expect(can(person('f', 'facilitator', true), 'glossary:curate')).toBe(false);
		expect(can(null, 'glossary:curate')).toBe(false);
	});
});
