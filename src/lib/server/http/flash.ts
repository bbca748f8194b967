import { redirect, type Cookies } from '@sveltejs/kit';

// Post/redirect/get for form actions: instead of rendering the answer to a POST (which leaves
// `?/join` in the address bar, and re-sends the form on a reload), a successful action sends the
// browser back to the page with 303, and what the action wanted to say ("joined", "invitation
// sent to …") travels in a short-lived cookie that the next page render reads once and deletes.
// The cookie is HttpOnly and holds only message keys and small values for the person's own page.

const FLASH_COOKIE = 'praxis_flash';
type FlashValue = string | number | boolean;
export type Flash = Record<string, FlashValue>;

/** Redirects (303) to `location` with `flash` for the page to show once. */
export function redirectWithFlash(cookies: Cookies, location: string, flash: Flash, secure: boolean): never {
	cookies.set(FLASH_COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 });
	redirect(303, location);
}

/** The flash a previous action left, if any (and removes it, so a reload does not show it again). */
export function takeFlash(cookies: Cookies, secure: boolean): Flash | null {
	const raw = cookies.get(FLASH_COOKIE);
	if (raw === undefined) return null;
	cookies.delete(FLASH_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
	try {
		const value: unknown = JSON.parse(raw);
		if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
		const entries = Object.entries(value).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v) && String(v).length <= 300);
		return Object.fromEntries(entries) as Flash;
	} catch {
		return null;
	}
}

/** Post/redirect/get back to the page the form was on (its path, without the `?/action`), with `flash`. */
export function backWithFlash(event: { cookies: Cookies; url: URL }, flash: Flash, hash = ''): never {
	redirectWithFlash(event.cookies, `${event.url.pathname}${hash}`, flash, event.url.protocol === 'https:');
}
