import type { PageServerLoad } from './$types';
import { config } from '#lib/server/config/index.ts';
import { requireSession } from '#lib/server/http/guards.ts';

export const load: PageServerLoad = ({ locals }) => {
	const { user } = requireSession(locals);
	return {
		displayName: user.displayName,
		email: user.email,
		isAdmin: user.role === 'admin',
		isEditor: user.role === 'editor' || user.role === 'admin',
		auditRetentionDays: config().auditRetentionDays
	};
};
