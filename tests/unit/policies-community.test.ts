import { describe, expect, it } from 'vitest';
import { can, type Actor, type SpaceAsSeen } from '../../src/lib/server/policies/index.ts';

// policies/community.ts: every rule, allowed and refused.
const me: Actor = { id: 'me', role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
const unverified: Actor = { ...me, emailVerified: false };
const editor: Actor = { ...me, role: 'editor', totpEnabled: true, secondFactorVerified: true };
const editorWithoutSecondFactor: Actor = { ...me, role: 'editor', totpEnabled: true, secondFactorVerified: false };

const publicSpace: SpaceAsSeen = { kind: 'public', member: false, moderator: false };
const orgAsMember: SpaceAsSeen = { kind: 'organisation', member: true, moderator: false };
const orgAsLeader: SpaceAsSeen = { kind: 'organisation', member: true, moderator: true };
const orgAsStranger: SpaceAsSeen = { kind: 'organisation', member: false, moderator: false };
const cohortAsFacilitator: SpaceAsSeen = { kind: 'cohort', member: false, moderator: true };
const cohortAsStranger: SpaceAsSeen = { kind: 'cohort', member: false, moderator: false };

describe('community policy', () => {
	it('community:read — public spaces for everyone signed in, private ones for their members and moderators only', () => {
		expect(can(me, 'community:read', publicSpace)).toBe(true);
		expect(can(me, 'community:read', orgAsMember)).toBe(true);
		expect(can(me, 'community:read', cohortAsFacilitator)).toBe(true);
		expect(can(me, 'community:read', orgAsStranger)).toBe(false);
		expect(can(me, 'community:read', cohortAsStranger)).toBe(false);
		// A site editor or admin is no member of someone's organisation.
		expect(can(editor, 'community:read', orgAsStranger)).toBe(false);
		expect(can(null, 'community:read', publicSpace)).toBe(false);
	});

	it('community:post — readers with a confirmed address', () => {
		expect(can(me, 'community:post', publicSpace)).toBe(true);
		expect(can(unverified, 'community:post', publicSpace)).toBe(false);
		expect(can(me, 'community:post', orgAsStranger)).toBe(false);
	});

	it('community:moderate — the space moderators; site editors (with their second factor) for public spaces only', () => {
		expect(can(me, 'community:moderate', orgAsLeader)).toBe(true);
		expect(can(me, 'community:moderate', cohortAsFacilitator)).toBe(true);
		expect(can(me, 'community:moderate', orgAsMember)).toBe(false);
		expect(can(me, 'community:moderate', publicSpace)).toBe(false);
		expect(can(editor, 'community:moderate', publicSpace)).toBe(true);
		expect(can(editorWithoutSecondFactor, 'community:moderate', publicSpace)).toBe(false);
		expect(can(editor, 'community:moderate', orgAsStranger)).toBe(false);
	});

	it('community:reply — readers with a confirmed address; a locked thread only for its moderators', () => {
		expect(can(me, 'community:reply', { space: publicSpace, authorId: 'x' })).toBe(true);
		expect(can(me, 'community:reply', { space: publicSpace, authorId: 'x', locked: true })).toBe(false);
		expect(can(editor, 'community:reply', { space: publicSpace, authorId: 'x', locked: true })).toBe(true);
		expect(can(unverified, 'community:reply', { space: publicSpace, authorId: 'x' })).toBe(false);
		expect(can(me, 'community:reply', { space: orgAsStranger, authorId: 'x' })).toBe(false);
	});

	it('community:edit — the author only, and only where they can still read', () => {
		expect(can(me, 'community:edit', { space: publicSpace, authorId: 'me' })).toBe(true);
		expect(can(me, 'community:edit', { space: publicSpace, authorId: 'other' })).toBe(false);
		expect(can(editor, 'community:edit', { space: publicSpace, authorId: 'other' })).toBe(false);
		expect(can(me, 'community:edit', { space: orgAsStranger, authorId: 'me' })).toBe(false);
		expect(can(me, 'community:edit', { space: publicSpace, authorId: null })).toBe(false);
	});

	it('community:delete — the author or a moderator', () => {
		expect(can(me, 'community:delete', { space: publicSpace, authorId: 'me' })).toBe(true);
		expect(can(me, 'community:delete', { space: publicSpace, authorId: 'other' })).toBe(false);
		expect(can(me, 'community:delete', { space: orgAsLeader, authorId: 'other' })).toBe(true);
		expect(can(editor, 'community:delete', { space: publicSpace, authorId: null })).toBe(true);
	});

	it('community:helpful — the thread author or a moderator', () => {
		expect(can(me, 'community:helpful', { space: publicSpace, authorId: 'me' })).toBe(true);
		expect(can(me, 'community:helpful', { space: publicSpace, authorId: 'other' })).toBe(false);
		expect(can(me, 'community:helpful', { space: cohortAsFacilitator, authorId: 'other' })).toBe(true);
	});

	it('community:flag — readers, not on their own words', () => {
		expect(can(me, 'community:flag', { space: publicSpace, authorId: 'other' })).toBe(true);
		expect(can(me, 'community:flag', { space: publicSpace, authorId: 'me' })).toBe(false);
		expect(can(me, 'community:flag', { space: orgAsStranger, authorId: 'other' })).toBe(false);
	});

	it('community:react — readers with a confirmed address, not to their own words', () => {
		expect(can(me, 'community:react', { space: publicSpace, authorId: 'other' })).toBe(true);
		expect(can(me, 'community:react', { space: orgAsMember, authorId: null })).toBe(true);
		expect(can(me, 'community:react', { space: publicSpace, authorId: 'me' })).toBe(false);
		expect(can(unverified, 'community:react', { space: publicSpace, authorId: 'other' })).toBe(false);
		expect(can(me, 'community:react', { space: orgAsStranger, authorId: 'other' })).toBe(false);
		expect(can(null, 'community:react', { space: publicSpace, authorId: 'other' })).toBe(false);
	});

	it('community:queue — site editors and admins with their second factor', () => {
		expect(can(editor, 'community:queue')).toBe(true);
		expect(can(editorWithoutSecondFactor, 'community:queue')).toBe(false);
		expect(can(me, 'community:queue')).toBe(false);
		expect(can(null, 'community:queue')).toBe(false);
	});
});
