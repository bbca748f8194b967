// My CPD: the log of continuing professional development, its year view, CSV export and import,
// and the draft entries completed Learn modules add. This file is the manifest and the public API.
import type { Capability } from '../capability.ts';
import { MODULE_COMPLETED } from '../learn/progress/index.ts';
import { draftFromModule } from './drafts.ts';
import { CPD_DATA } from './personal-data.ts';
import { CPD_MAILS, REMINDER_JOB } from './reminders.ts';

export * from './csv.ts';
export * from './drafts.ts';
export * from './entries.ts';
export * from './evidence.ts';
export { REMINDER_DAYS, reminderByToken, sendDueReminders, setReminder, setReminderByToken } from './reminders.ts';

export const cpd: Capability = {
	name: 'cpd',
	personalData: CPD_DATA,
	mail: CPD_MAILS,
	jobs: [REMINDER_JOB],
	events: { [MODULE_COMPLETED]: draftFromModule }
};
export * from './forms.ts';
