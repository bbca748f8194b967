import type { PersonalData } from '../capability.ts';
import { membershipsOf } from './service.ts';

/** The organisations a person belongs to, with their role; memberships go with the user row. */
export const ORGANISATION_DATA: readonly PersonalData[] = [
	{
		key: 'organisations',
		export: async (db, userId) => (await membershipsOf(db, userId)).map((o) => ({ id: o.id, name: o.name, role: o.role }))
	}
];
