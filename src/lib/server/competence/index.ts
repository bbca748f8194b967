// My competence: self-assessment against the competence standards, results, history, comparison,
// the learning that fills a gap, and sharing with a leader. This file is the capability's manifest
// and its public API.
import type { Capability } from '../capability.ts';
import { COMPETENCE_DATA } from './personal-data.ts';

export * from './assessments.ts';
export * from './learning.ts';
export * from './sharing.ts';
export * from './standards.ts';

export const competence: Capability = {
	name: 'competence',
	personalData: COMPETENCE_DATA,
	audit: ['competence_shared', 'competence_share_revoked']
};
