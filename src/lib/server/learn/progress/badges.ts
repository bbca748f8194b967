import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import type { DbOrTx } from '../../db/client.ts';
import { user } from '../../db/schema/accounts.ts';
import type { Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';
import { signingKeys, signJwt } from '../../signing/index.ts';
import { findCertificate, type CertificateView } from './certificates.ts';

// A certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential of type
// OpenBadgeCredential), signed as a VC-JWT (Open Badges 3.0 §8.2): the JWT's payload is the
// credential itself with iss, jti and nbf; its header carries the key. Only the holder downloads
// it; it names them by a salted hash of their email address (as wallets match it) and by name.

export const OB_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

/** The issuer's profile: Praxis at its public address. */
export function issuerProfile(origin: string) {
	return { id: `${origin}/api/badges/issuer`, type: ['Profile'], name: m.site_name(), url: `${origin}/` };
}

/** The credential of a certificate, for the holder whose address is `email`. */
export function openBadgeCredential(cert: CertificateView, email: string, origin: string, salt = randomBytes(16).toString('hex')) {
	const page = `${origin}/certificates/${cert.code}`;
	const course = `${origin}/learn/${cert.courseSlug}`;
	return {
		'@context': OB_CONTEXT,
		id: page,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: `${m.cert_title()}: ${cert.courseTitle}`,
		issuer: issuerProfile(origin),
		validFrom: cert.issuedAt.toISOString(),
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [
				{
					type: 'IdentityObject',
					identityType: 'emailAddress',
					hashed: true,
					identityHash: `sha256$${createHash('sha256').update(email.toLowerCase() + salt).digest('hex')}`,
					salt
				},
				{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: cert.holderName }
			],
			achievement: {
				id: course,
				type: ['Achievement'],
				achievementType: 'CertificateOfCompletion',
				name: cert.courseTitle,
				description: cert.courseSummary || cert.courseTitle,
				criteria: { id: course, narrative: m.cert_badge_criteria({ hours: String(cert.hours) }) },
				inLanguage: cert.shownLocale,
				...(cert.outcomes.length ? { tag: cert.outcomes } : {})
			}
		}
	};
}

/** Whether this instance can sign badges (it has a key). */
export async function badgesAvailable(): Promise<boolean> {
	return (await signingKeys()).length > 0;
}

/** The holder's signed credential for certificate `code`; anyone else learns nothing (404). */
export async function openBadgeJwt(db: DbOrTx, actor: Actor, code: string, locale: AppLocale, origin: string): Promise<Result<string>> {
	const cert = await findCertificate(db, actor, code, locale);
	if (!cert || !cert.mine) return problem('not_found');
	const [holder] = await db.select({ email: user.email }).from(user).where(eq(user.id, cert.userId));
	if (!holder) return problem('not_found');
	const credential = openBadgeCredential(cert, holder.email, origin);
	const jwt = await signJwt({
		...credential,
		iss: credential.issuer.id,
		jti: credential.id,
		nbf: Math.floor(cert.issuedAt.getTime() / 1000)
	});
	return jwt ? ok(jwt) : problem('not_found', { key: 'cert_badge_unavailable' });
}
