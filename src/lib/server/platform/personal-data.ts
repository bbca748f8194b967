import { eq, sql } from 'drizzle-orm';
import { checkCurrentPassword, reauthProblem } from '../accounts/reauth.ts';
import { audit } from '../audit/index.ts';
import { CAPABILITIES } from '../capabilities.ts';
import type { ErasedPerson } from '../capability.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { organisationsOnlyOwnedBy } from '../organisations/service.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

/** Version of the export format; the README documents every field. */
export const EXPORT_FORMAT = 'praxis-personal-data/1';

const PARTS = CAPABILITIES.flatMap((c) => c.personalData ?? []);

/**
 * Everything the platform holds about a person, as one JSON document (GDPR Art. 15 and 20):
 * one part per capability contribution (account, profile, organisations, sessions, …).
 */
export async function exportMyData(db: DbOrTx, actor: Actor, ip: string): Promise<Result<Record<string, unknown>>> {
	if (!actor || !can(actor, 'account:view', { userId: actor.id })) return problem('forbidden');
	const userId = actor.id;
	const [account] = await db.select({ id: user.id }).from(user).where(eq(user.id, userId));
	if (!account) return problem('forbidden');
	const document: Record<string, unknown> = { format: EXPORT_FORMAT, exportedAt: new Date().toISOString() };
	for (const part of PARTS) document[part.key] = await part.export(db, userId);
	await audit(db, { event: 'data_exported', actorId: userId, subjectId: userId, ip });
	return ok(document);
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

/**
 * Deletes an account at once, with everything each capability holds about the person: what is
 * not removed by the user row's ON DELETE CASCADE is erased by the capability's `erase`. The
 * current password is required; the only owner of an organisation hands it over first (a
 * `conflict`: the page lists those organisations, see `organisationsOnlyOwnedBy`).
 */
export async function deleteAccount(db: DbOrTx, actor: Actor, password: string, writing: ErasedPerson['writing'] = 'keep'): Promise<Result> {
	if (!actor || !can(actor, 'account:edit', { userId: actor.id })) return problem('forbidden');
	const userId = actor.id;
	const checked = await checkCurrentPassword(db, userId, password);
	if (checked !== 'ok') return reauthProblem(checked, 'current');
	const [found] = await db.select().from(user).where(eq(user.id, userId));
	if (!found) return problem('forbidden');
	if ((await organisationsOnlyOwnedBy(db, userId)).length) return problem('conflict', { field: 'form', key: 'delete_sole_owner' });
	await db.transaction(async (tx) => {
		const person: ErasedPerson = { id: userId, addresses: await addressesOf(tx, userId, found.email), writing };
		for (const part of PARTS) await part.erase?.(tx, person);
		await tx.delete(user).where(eq(user.id, userId));
		await audit(tx, { event: 'account_deleted', subjectId: userId });
	});
	return ok();
}
