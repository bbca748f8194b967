import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '../config/index.ts';

// TOTP secrets at rest: AES-256-GCM with a key from TOTP_KEYS, bound to the user's id (a sealed
// secret copied onto another account does not open). The first key seals; every listed key opens,
// so a key is rotated by putting the new one first (TOTP_KEYS=new,old): each secret is sealed again
// with the new key at its owner's next sign-in with a code, after which the old key can go.
// Without TOTP_KEYS (development, the out-of-the-box start) secrets are stored as they are.

const PREFIX = 'enc1';

function keyId(key: Buffer): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

/** The stored form of a TOTP secret: sealed with the first key, or as it is without keys. */
export function sealTotpSecret(secret: string, userId: string, keys: Buffer[] = config().totpKeys): string {
	const key = keys[0];
	if (!key) return secret;
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(userId));
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return [PREFIX, keyId(key), iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(':');
}

/** The secret behind a stored value (one stored before encryption is returned as it is). */
export function openTotpSecret(stored: string, userId: string, keys: Buffer[] = config().totpKeys): string {
	if (!stored.startsWith(`${PREFIX}:`)) return stored;
	const [, id, iv, sealed, tag] = stored.split(':');
	const key = keys.find((k) => keyId(k) === id);
	if (!key) throw new Error('a TOTP secret is sealed with a key that is not in TOTP_KEYS');
	const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url')).setAAD(Buffer.from(userId));
	decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
	return Buffer.concat([decipher.update(Buffer.from(sealed!, 'base64url')), decipher.final()]).toString('utf8');
}

/** Whether a stored secret should be sealed again: in clear while keys exist, or under an older key. */
export function needsResealing(stored: string, keys: Buffer[] = config().totpKeys): boolean {
	const first = keys[0];
	if (!first) return false;
	return !stored.startsWith(`${PREFIX}:${keyId(first)}:`);
}
