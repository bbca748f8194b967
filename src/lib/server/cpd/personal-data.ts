import { asc, eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import type { DbOrTx } from '../db/client.ts';
import { cpdEntry, cpdSettings } from '../db/schema/cpd.ts';

/** A person's CPD log and settings, for their data export. */
export async function exportCpdData(db: DbOrTx, userId: string) {
	const [entries, settings] = await Promise.all([
		db.select().from(cpdEntry).where(eq(cpdEntry.userId, userId)).orderBy(asc(cpdEntry.startsOn)),
		db.select().from(cpdSettings).where(eq(cpdSettings.userId, userId))
	]);
	return {
		settings: settings[0] ? { targetHours: settings[0].targetQuarters / 4, yearStartMonth: settings[0].yearStartMonth } : null,
		entries: entries.map(({ userId: _u, quarters, ...e }) => ({ ...e, hours: quarters / 4 }))
	};
}

export const CPD_DATA: readonly PersonalData[] = [
	{
		key: 'cpd',
		export: exportCpdData,
		erase: async (tx, person) => {
			await tx.delete(cpdEntry).where(eq(cpdEntry.userId, person.id));
			await tx.delete(cpdSettings).where(eq(cpdSettings.userId, person.id));
		}
	}
];
