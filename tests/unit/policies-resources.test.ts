import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../src/lib/server/policies/index.ts';

// policies/resources.ts: every rule, allowed and refused.
const person = (id = 'me', role = 'member', strong = false): Actor => ({ id, role, emailVerified: true, totpEnabled: strong, secondFactorVerified: strong });
const editor = person('ed', 'editor', true);
const editorWithoutSecondFactor = person('ed', 'editor', false);

describe('resources policy', () => {
	it('resource:view — published for anyone signed in; a draft for its proposer and editors only', () => {
		expect(can(person(), 'resource:view', { status: 'published', authorId: null })).toBe(true);
		expect(can(person('me'), 'resource:view', { status: 'draft', authorId: 'me' })).toBe(true);
		expect(can(person('me'), 'resource:view', { status: 'draft', authorId: 'other' })).toBe(false);
		expect(can(person('me'), 'resource:view', { status: 'rejected', authorId: null })).toBe(false);
		expect(can(editor, 'resource:view', { status: 'draft', authorId: 'other' })).toBe(true);
		expect(can(editorWithoutSecondFactor, 'resource:view', { status: 'draft', authorId: 'other' })).toBe(false);
		expect(can(null, 'resource:view', { status: 'published', authorId: null })).toBe(false);
	});

	it('resource:propose, resource:favourite, resource-plan:create — anyone signed in, nobody signed out', () => {
		for (const action of ['resource:propose', 'resource:favourite', 'resource-plan:create'] as const) {
			expect(can(person(), action)).toBe(true);
			expect(can(null, action)).toBe(false);
		}
	});

	it('resource:curate — editors and admins with their second factor', () => {
		expect(can(editor, 'resource:curate')).toBe(true);
		expect(can(person('a', 'admin', true), 'resource:curate')).toBe(true);
		expect(can(editorWithoutSecondFactor, 'resource:curate')).toBe(false);
		expect(can(person(), 'resource:curate')).toBe(false);
		expect(can(person('f', 'facilitator'), 'resource:curate')).toBe(false);
	});

	it('resource:attach — editors on any resource; a proposer on their own draft only', () => {
		expect(can(editor, 'resource:attach', { status: 'published', authorId: null })).toBe(true);
		expect(can(editor, 'resource:attach', { status: 'draft', authorId: 'other' })).toBe(true);
		expect(can(editorWithoutSecondFactor, 'resource:attach', { status: 'published', authorId: null })).toBe(false);
		expect(can(person('me'), 'resource:attach', { status: 'draft', authorId: 'me' })).toBe(true);
		expect(can(person('me'), 'resource:attach', { status: 'published', authorId: 'me' })).toBe(false);
		expect(can(person('me'), 'resource:attach', { status: 'rejected', authorId: 'me' })).toBe(false);
		expect(can(person('me'), 'resource:attach', { status: 'draft', authorId: 'other' })).toBe(false);
		expect(can(null, 'resource:attach', { status: 'draft', authorId: null })).toBe(false);
	});

	it('resource-plan:edit — only the author, not a colleague it is shared with, not an admin', () => {
		expect(can(person('me'), 'resource-plan:edit', { userId: 'me', sharedRole: null })).toBe(true);
		expect(can(person('me'), 'resource-plan:edit', { userId: 'other', sharedRole: 'owner' })).toBe(false);
		expect(can(person('a', 'admin', true), 'resource-plan:edit', { userId: 'other', sharedRole: null })).toBe(false);
	});

	it('resource-plan:view — the author, or a member of the organisation it is shared with', () => {
		expect(can(person('me'), 'resource-plan:view', { userId: 'me', sharedRole: null })).toBe(true);
		expect(can(person('me'), 'resource-plan:view', { userId: 'other', sharedRole: 'member' })).toBe(true);
		expect(can(person('me'), 'resource-plan:view', { userId: 'other', sharedRole: 'leader' })).toBe(true);
		expect(can(person('me'), 'resource-plan:view', { userId: 'other', sharedRole: null })).toBe(false);
		expect(can(editor, 'resource-plan:view', { userId: 'other', sharedRole: null })).toBe(false);
		expect(can(null, 'resource-plan:view', { userId: 'other', sharedRole: 'member' })).toBe(false);
	});

	it('resource-plan:share — the author, with an organisation they belong to', () => {
		expect(can(person('me'), 'resource-plan:share', { userId: 'me', role: 'member' })).toBe(true);
		expect(can(person('me'), 'resource-plan:share', { userId: 'me', role: null })).toBe(false);
		expect(can(person('me'), 'resource-plan:share', { userId: 'other', role: 'owner' })).toBe(false);
	});
});
