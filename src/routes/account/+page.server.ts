import type { PageServerLoad } from './$types';
import { config } from '#lib/server/config/index.ts';
import { areasOffered } from '#lib/server/accounts/profile.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';

export const load: PageServerLoad = ({ locals }) => {
	const { user } = requireSession(locals);
	const offered = areasOffered(actorOf(locals));
	return {
		displayName: user.displayName,
		email: user.email,
		isAdmin: offered.admin,
		isEditor: offered.editor,
		auditRetentionDays: config().auditRetentionDays
	};
};
