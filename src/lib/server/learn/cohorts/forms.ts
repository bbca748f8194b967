import { z } from 'zod';
import { text, uuid } from '../../forms/index.ts';

const day = z
	.string()
	.trim()
	.max(10, 'error_invalid')
	.transform((v) => v || null)
	.refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'error_date_invalid');

export const createCohortForm = z
	.object({
		course: z.string({ error: 'error_choose' }).min(1, 'error_choose').max(100, 'error_invalid'),
		name: text(120),
		startsOn: day.optional().transform((v) => v ?? null),
		endsOn: day.optional().transform((v) => v ?? null)
	})
	.refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, { path: ['endsOn'], message: 'error_cohort_dates' });

export const joinCohortForm = z.object({ code: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(40, 'error_invalid') });
export const cohortIdForm = z.object({ cohortId: uuid() });

const emailList = z
	.string({ error: 'error_required' })
	.max(5000, 'error_too_long')
	.transform((v) => [...new Set(v.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))])
	.refine((list) => list.length > 0, 'error_required')
	.refine((list) => list.length <= 50, 'error_cohort_too_many')
	.refine((list) => list.every((e) => z.email().max(254).safeParse(e).success), 'error_email_invalid');

export const inviteCohortForm = z.object({ emails: emailList });

/** The due dates of a cohort's modules: `due:<module id>` → a date, or empty for none. */
export const dueDatesForm = z.record(z.string().regex(/^due:\d{1,9}$/, 'error_invalid'), day.transform((v) => v ?? null));
