import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { hit, LIMITS, reset } from '../ratelimit/index.ts';
import { problem } from '../result/index.ts';
import { verifyPassword } from './passwords.ts';

export type Reauthentication = 'ok' | 'wrong_password' | 'rate_limited';

/**
 * Asks a signed-in person for their current password before a security change (password, address,
 * two-step sign-in, deletion). Limited per account, so a stolen session cannot guess the password:
 * every check counts, the right password clears the count.
 */
export async function checkCurrentPassword(db: DbOrTx, userId: string, current: string): Promise<Reauthentication> {
	if (!(await hit(db, LIMITS.currentPasswordPerAccount, userId))) return 'rate_limited';
	const [found] = await db.select({ passwordHash: user.passwordHash }).from(user).where(eq(user.id, userId));
	if (!found || !(await verifyPassword(found.passwordHash, current))) return 'wrong_password';
	await reset(db, LIMITS.currentPasswordPerAccount, userId);
	return 'ok';
}

/** A failed re-check of the current password: the message next to the current password, or the limit next to `limitField`. */
export function reauthProblem(reason: Exclude<Reauthentication, 'ok'>, limitField: string) {
	return reason === 'wrong_password'
		? problem('invalid', { field: 'current', key: 'wrong_current_password' })
		: problem('rate_limited', { field: limitField, key: 'error_rate_limited' });
}
