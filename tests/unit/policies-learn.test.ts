import { describe, expect, it } from 'vitest';
import { ACTIONS, can, LEARNING_TEAM_MINIMUM, type Actor } from '../../src/lib/server/policies/index.ts';

// policies/learn.ts: every rule, allowed and refused.
const person = (role: string, id = 'me', strong = false): Actor => ({ id, role, emailVerified: true, totpEnabled: strong, secondFactorVerified: strong });
const learner = person('member');
const editor = person('editor', 'ed', true);

describe('learning policy', () => {
	it('course:enrol — published courses for anyone signed in; drafts only for editors', () => {
		expect(can(learner, 'course:enrol', { status: 'published' })).toBe(true);
		expect(can(learner, 'course:enrol', { status: 'draft' })).toBe(false);
		expect(can(editor, 'course:enrol', { status: 'draft' })).toBe(true);
		expect(can(null, 'course:enrol', { status: 'published' })).toBe(false);
	});

	it('course:progress — only a learner enrolled in the course', () => {
		expect(can(learner, 'course:progress', { enrolment: { userId: 'me' } })).toBe(true);
		expect(can(learner, 'course:progress', { enrolment: undefined })).toBe(false);
		expect(can(learner, 'course:progress', { enrolment: null })).toBe(false);
		expect(can(learner, 'course:progress', { enrolment: { userId: 'someone-else' } })).toBe(false);
		expect(can(null, 'course:progress', { enrolment: { userId: 'me' } })).toBe(false);
	});

	it('course:edit — editors who used their second factor', () => {
		expect(can(editor, 'course:edit')).toBe(true);
		expect(can(person('editor'), 'course:edit')).toBe(false);
		expect(can(person('facilitator', 'f', true), 'course:edit')).toBe(false);
		expect(can(learner, 'course:edit')).toBe(false);
	});

	it('cohort:create — facilitators, editors and admins', () => {
		for (const role of ['facilitator', 'editor', 'admin']) expect(can(person(role), 'cohort:create')).toBe(true);
		expect(can(learner, 'cohort:create')).toBe(false);
		expect(can(null, 'cohort:create')).toBe(false);
	});

	it('cohort:join — anyone signed in', () => {
		expect(can(learner, 'cohort:join')).toBe(true);
		expect(can(null, 'cohort:join')).toBe(false);
	});

	it('cohort:view_progress and cohort:invite — the cohort’s facilitator only (an admin neither)', () => {
		for (const action of ['cohort:view_progress', 'cohort:invite'] as const) {
			expect(can(learner, action, { facilitatorId: 'me' })).toBe(true);
			expect(can(learner, action, { facilitatorId: 'other' })).toBe(false);
			expect(can(person('admin', 'root', true), action, { facilitatorId: 'other' })).toBe(false);
		}
	});

	it('journal:edit and journal:share — the entry’s writer only', () => {
		for (const action of ['journal:edit', 'journal:share'] as const) {
			expect(can(learner, action, { userId: 'me' })).toBe(true);
			expect(can(learner, action, { userId: 'other' })).toBe(false);
			expect(can(editor, action, { userId: 'me' })).toBe(false);
		}
	});

	it('certificate:share — its holder only', () => {
		expect(can(learner, 'certificate:share', { userId: 'me' })).toBe(true);
		expect(can(learner, 'certificate:share', { userId: 'other' })).toBe(false);
		expect(can(null, 'certificate:share', { userId: 'me' })).toBe(false);
	});
});

describe('policy table', () => {
	it('answers no to a signed-out visitor for every action', () => {
		for (const action of ACTIONS) expect(can(null, action, {} as never)).toBe(false);
	});

	it('learning:share — a member, for themselves; learning:team — owners and leaders, once enough members share', () => {
		expect(can(learner, 'learning:share', { userId: 'me', role: 'member' })).toBe(true);
		expect(can(learner, 'learning:share', { userId: 'me', role: null })).toBe(false);
		expect(can(learner, 'learning:share', { userId: 'someone-else', role: 'member' })).toBe(false);
		expect(can(learner, 'learning:team', { role: 'leader', sharing: LEARNING_TEAM_MINIMUM })).toBe(true);
		expect(can(learner, 'learning:team', { role: 'owner', sharing: LEARNING_TEAM_MINIMUM + 4 })).toBe(true);
		expect(can(learner, 'learning:team', { role: 'leader', sharing: LEARNING_TEAM_MINIMUM - 1 })).toBe(false);
		expect(can(learner, 'learning:team', { role: 'member', sharing: 50 })).toBe(false);
		expect(can(null, 'learning:team', { role: 'owner', sharing: 50 })).toBe(false);
	});
});
