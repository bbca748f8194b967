// The page an unsubscribe link opens (/unsubscribe/[token]) shows every mail the person may opt out
// of, whichever mail carried the link: the community digest and mentions, and CPD reminders. The
// token is the person's one key for all of them (mail/unsubscribe.ts); each capability keeps and
// changes its own choice by that token.
import { setSettingsByToken, settingsByToken, type MailSettings } from '../community/index.ts';
import { reminderByToken, setReminderByToken } from '../cpd/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { ok, problem, type Result } from '../result/index.ts';

export type MailChoices = { address: string; community: MailSettings; cpdReminder: boolean };

/** Every opt-out choice of the person whose unsubscribe token this is; not_found for any other token. */
export async function mailChoicesByToken(db: DbOrTx, token: string): Promise<Result<MailChoices>> {
	const [community, reminder] = await Promise.all([settingsByToken(db, token), reminderByToken(db, token)]);
	if (!community.ok || !reminder.ok) return problem('not_found');
	const { address, ...settings } = community.value;
	return ok({ address, community: settings, cpdReminder: reminder.value.remind });
}

/** Stops every mail the person may opt out of, in one transaction. */
export async function stopAllMailByToken(db: DbOrTx, token: string): Promise<Result> {
	return db.transaction(async (tx) => {
		const community = await setSettingsByToken(tx, token, { digest: 'off', mentionMail: false });
		if (!community.ok) return community;
		return setReminderByToken(tx, token, false);
	});
}
