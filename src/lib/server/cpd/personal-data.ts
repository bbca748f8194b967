import { asc, eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import type { DbOrTx } from '../db/client.ts';
import { cpdEntry, cpdSettings } from '../db/schema/cpd.ts';
import { deleteEvidenceOf, evidenceOfEntries, evidencePath } from './evidence.ts';

/** A person's CPD log and settings, and their evidence files (metadata and download address), for their data export. */
export async function exportCpdData(db: DbOrTx, userId: string) {
	const [entries, settings] = await Promise.all([
		db.select().from(cpdEntry).where(eq(cpdEntry.userId, userId)).orderBy(asc(cpdEntry.startsOn)),
		db.select().from(cpdSettings).where(eq(cpdSettings.userId, userId))
	]);
	const evidence = await evidenceOfEntries(db, entries.map((e) => e.id));
	return {
		settings: settings[0] ? { targetHours: settings[0].targetQuarters / 4, yearStartMonth: settings[0].yearStartMonth, remind: settings[0].remind, remindedYear: settings[0].remindedYear } : null,
		entries: entries.map(({ userId: _u, quarters, ...e }) => ({
			...e,
			hours: quarters / 4,
			// The files themselves: each `download` address gives the file to its owner while signed in.
			evidence: (evidence.get(e.id) ?? []).map((f) => ({ ...f, download: evidencePath(e.id, f.id) }))
		}))
	};
}

export const CPD_DATA: readonly PersonalData[] = [
	{
		key: 'cpd',
		export: exportCpdData,
		erase: async (tx, person) => {
			const ids = await tx.select({ id: cpdEntry.id }).from(cpdEntry).where(eq(cpdEntry.userId, person.id));
			await deleteEvidenceOf(tx, ids.map((e) => e.id));
			await tx.delete(cpdEntry).where(eq(cpdEntry.userId, person.id));
			await tx.delete(cpdSettings).where(eq(cpdSettings.userId, person.id));
		}
	}
];
