import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { getLiveSession } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSession(locals);
	const session = valueOf(await getLiveSession(db(), actorOf(locals), params.id));
	const joinUrl = `${url.origin}/join/${session.joinCode}`;
	// The QR code is drawn on the server (an SVG of the join link): no script on the projector.
	const qrSvg = await QRCode.toString(joinUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return { session, joinUrl, shortUrl: `${url.host}/join`, qrSvg };
};
