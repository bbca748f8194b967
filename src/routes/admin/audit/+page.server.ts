import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { listAuditEvents } from '#lib/server/audit/index.ts';
import { AUDIT_EVENTS } from '#lib/server/platform/audit.ts';
import { config } from '#lib/server/config/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCan(locals, 'admin:audit');
	const wanted = url.searchParams.get('event') ?? '';
	const event = AUDIT_EVENTS.includes(wanted) ? wanted : undefined;
	return {
		event: event ?? '',
		kinds: AUDIT_EVENTS,
		retentionDays: config().auditRetentionDays,
		events: valueOf(await listAuditEvents(db(), actorOf(locals), { event, limit: 200 }))
	};
};
