import { error, redirect, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm, singleLine } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { invalidForm, respond } from '#lib/server/http/respond.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import { answerLive, findLiveSession, joinLiveSession, LIVE_ANSWER_MAX, LIVE_NAME_MAX, participantView } from '#lib/server/cards/index.ts';

// A participant's page of a live session: the join form, then the card and question shown now
// and the answer form. No account needed: a random token in a cookie (only its hash is stored)
// says who the participant is.
const COOKIE = 'praxis_live';
const tokenOf = (cookies: Cookies) => cookies.get(COOKIE);

export const load: PageServerLoad = async ({ params, cookies, locals, getClientAddress }) => {
	const view = await participantView(db(), params.code, tokenOf(cookies));
	if (view.ok) return { joined: true as const, view: view.value };
	const found = await findLiveSession(db(), params.code, { ip: getClientAddress() });
	if (!found.ok) error(found.problem.kind === 'rate_limited' ? 429 : 404, found.problem.kind === 'rate_limited' ? m.error_rate_limited() : m.cards_live_error_code());
	const s = found.value;
	const ended = s.state === 'ended' || s.expiresAt.getTime() <= Date.now();
	return { joined: false as const, code: s.joinCode, ended, locked: s.joiningLocked, signedIn: !!locals.session };
};

const joinForm = z.object({ name: singleLine(LIVE_NAME_MAX).optional(), anonymous: z.literal('on').optional(), asSelf: z.literal('on').optional() });
const answerForm = z.object({ answer: z.string({ error: 'error_required' }).max(LIVE_ANSWER_MAX + 100, 'error_too_long') });

export const actions: Actions = {
	join: async (event) => {
		const { params, request, locals, cookies, url, getClientAddress } = event;
		const parsed = parseForm(joinForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { values: parsed.values });
		const input = { name: parsed.data.name ?? '', anonymous: parsed.data.anonymous === 'on', asSelf: parsed.data.asSelf === 'on' && !!locals.session, currentToken: tokenOf(cookies) };
		const result = await joinLiveSession(db(), actorOf(locals), params.code, input, { ip: getClientAddress() });
		return respond(result, { frame: { values: { name: input.name } } }, ({ token }) => {
			cookies.set(COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: 24 * 3600 });
			redirect(303, localizeHref(`/join/${params.code.toUpperCase()}`));
		});
	},
	answer: async (event) => {
		const parsed = parseForm(answerForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { values: parsed.values });
		const result = await answerLive(db(), event.params.code, tokenOf(event.cookies), parsed.data.answer);
		return respond(result, { frame: { values: { answer: parsed.data.answer } } }, () => backWithFlash(event, { done: 'answered' }));
	}
};
