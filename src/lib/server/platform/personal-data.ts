import { eq, sql } from 'drizzle-orm';
import { checkCurrentPassword } from '../accounts/reauth.ts';
import { audit } from '../audit/index.ts';
import { CAPABILITIES } from '../capabilities.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { organisationsOnlyOwnedBy } from '../organisations/service.ts';

/** Version of the export format; the README documents every field. */
export const EXPORT_FORMAT = 'praxis-personal-data/1';

const PARTS = CAPABILITIES.flatMap((c) => c.personalData ?? []);

/**
 * Everything the platform holds about a person, as one JSON document (GDPR Art. 15 and 20):
 * one part per capability contribution (account, profile, organisations, sessions, …).
 */
export async function exportMyData(db: DbOrTx, userId: string, ip: string) {
	const [account] = await db.select({ id: user.id }).from(user).where(eq(user.id, userId));
	if (!account) return undefined;
	const document: Record<string, unknown> = { format: EXPORT_FORMAT, exportedAt: new Date().toISOString() };
	for (const part of PARTS) document[part.key] = await part.export(db, userId);
	await audit(db, { event: 'data_exported', actorId: userId, subjectId: userId, ip });
	return document;
}

/**
 * Every address the account is known to have had: the current one, earlier ones (mails sent to
 * the account) and one waiting for confirmation.
 */
async function addressesOf(db: DbOrTx, userId: string, current: string): Promise<string[]> {
	const rows = await queryRows<{ address: string }>(
		db,
		sql`select to_address as address from mail_outbox where user_id = ${userId}
			union select new_email from email_token where user_id = ${userId} and new_email is not null`
	);
	return [...new Set([current, ...rows.map((r) => r.address)].map((a) => a.toLowerCase()))];
}

export type DeleteResult =
	| { ok: true }
	| { ok: false; error: 'wrong_password' | 'rate_limited' }
	| { ok: false; error: 'sole_owner'; organisations: { id: string; name: string }[] };

/**
 * Deletes an account at once, with everything each capability holds about the person: what is
 * not removed by the user row's ON DELETE CASCADE is erased by the capability's `erase`.
 */
export async function deleteAccount(db: DbOrTx, userId: string, password: string): Promise<DeleteResult> {
	const checked = await checkCurrentPassword(db, userId, password);
	if (checked !== 'ok') return { ok: false, error: checked };
	const [found] = await db.select().from(user).where(eq(user.id, userId));
	if (!found) return { ok: false, error: 'wrong_password' };
	// An organisation always has an owner: its only owner hands it over first.
	const owned = await organisationsOnlyOwnedBy(db, userId);
	if (owned.length) return { ok: false, error: 'sole_owner', organisations: owned };
	await db.transaction(async (tx) => {
		const person = { id: userId, addresses: await addressesOf(tx, userId, found.email) };
		for (const part of PARTS) await part.erase?.(tx, person);
		await tx.delete(user).where(eq(user.id, userId));
		await audit(tx, { event: 'account_deleted', subjectId: userId });
	});
	return { ok: true };
}
