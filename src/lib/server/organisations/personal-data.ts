import { eq, inArray, sql } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { invitation } from '../db/schema/organisations.ts';
import { membershipsOf } from './service.ts';

/**
 * The organisations a person belongs to, with their role. Memberships go with the user row;
 * invitations to their addresses go, and those they sent stay for the organisation without a name.
 */
export const ORGANISATION_DATA: readonly PersonalData[] = [
	{
		key: 'organisations',
		export: async (db, userId) => (await membershipsOf(db, userId)).map((o) => ({ id: o.id, name: o.name, role: o.role, courseProgressSharedSince: o.learningSharedAt })),
		erase: async (tx, person) => {
			if (person.addresses.length) await tx.delete(invitation).where(inArray(sql`lower(${invitation.email})`, person.addresses.map((a) => a.toLowerCase())));
			await tx.update(invitation).set({ invitedBy: null }).where(eq(invitation.invitedBy, person.id));
		}
	}
];
