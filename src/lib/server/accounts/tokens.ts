import { createHash, randomBytes } from 'node:crypto';

/** A random 160-bit token for a cookie or a link, and the hash that is stored instead of it. */
export function newToken(): { token: string; id: string } {
	const token = randomBytes(20).toString('base64url');
	return { token, id: hashToken(token) };
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
