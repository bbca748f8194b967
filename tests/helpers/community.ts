import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { organisationSpaceSlug } from '../../src/lib/server/community/index.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import { member } from './actors.ts';
import { value } from './result.ts';

/** A person with a confirmed address; `old` accounts are a week old (not new members by age). */
export async function person(db: DbOrTx, name: string, old = true): Promise<string> {
	const [row] = await db
		.insert(user)
		.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', emailVerifiedAt: sql`now()`, createdAt: old ? sql`now() - interval '7 days'` : sql`now()` })
		.returning({ id: user.id });
	return row!.id;
}

/** An organisation's owner and one member, a stranger to it, and the slug of its private space. */
export async function organisationTeam(db: DbOrTx) {
	const owner = await person(db, 'Owner');
	const colleague = await person(db, 'Colleague');
	const stranger = await person(db, 'Stranger');
	const { id: org } = value(await createOrganisation(db, member(owner), { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
	await db.insert(membership).values({ organisationId: org, userId: colleague, role: 'member' });
	return { owner, colleague, stranger, slug: organisationSpaceSlug(org) };
}
