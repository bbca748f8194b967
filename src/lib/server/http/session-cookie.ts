import type { Cookies } from '@sveltejs/kit';

// Over https the __Host- prefix pins the cookie to this host, path / and Secure.
export function sessionCookieName(https: boolean): string {
	return https ? '__Host-praxis_session' : 'praxis_session';
}

export function setSessionCookie(cookies: Cookies, https: boolean, token: string, expires: Date): void {
	cookies.set(sessionCookieName(https), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: https, expires });
}

export function clearSessionCookie(cookies: Cookies, https: boolean): void {
	cookies.delete(sessionCookieName(https), { path: '/', httpOnly: true, sameSite: 'lax', secure: https });
}
