// Learn: courses, progress, cohorts and authoring. Each sub-area has its own index.ts (its public
// API); this file is the capability's manifest.
import type { Capability } from '../capability.ts';
import { COURSE_SEARCH } from './catalogue/search.ts';
import { COHORT_MAILS } from './cohorts/mail.ts';
import { DUE_REMINDER_JOB } from './cohorts/due.ts';
import { importCourses } from './content/import.ts';
import { LEARN_DATA } from './progress/personal-data.ts';
import { LEARNING_AUDIT_EVENTS } from './progress/team.ts';

export const learn: Capability = {
	name: 'learn',
	content: [{ type: 'courses', import: importCourses }],
	search: [COURSE_SEARCH],
	personalData: LEARN_DATA,
	mail: COHORT_MAILS,
	audit: LEARNING_AUDIT_EVENTS,
	jobs: [DUE_REMINDER_JOB]
};
