import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { user } from '../../db/schema/accounts.ts';
import { certificate, course, courseTranslation } from '../../db/schema/learn.ts';
import { can, type Actor } from '../../policies/index.ts';
import { pickTranslations } from '../catalogue/index.ts';

// No 0/O, 1/I/L: a code read aloud or copied from paper is typed right.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A verification code such as `7KQ4-M2XR-9PDA` (60 bits). */
export function newCertificateCode(): string {
	const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
	return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Normalises what someone typed (spaces, lower case, missing dashes) to the stored form. */
export function normaliseCertificateCode(input: string): string {
	const bare = input.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 12);
	return bare.length === 12 ? [0, 4, 8].map((i) => bare.slice(i, i + 4)).join('-') : bare;
}

/** Issues the certificate of a completed course once; the holder's name is kept as it was then. */
export async function issueCertificate(db: DbOrTx, userId: string, courseId: number, hours: number): Promise<void> {
	const [holder] = await db.select({ name: user.displayName }).from(user).where(eq(user.id, userId));
	await db
		.insert(certificate)
		.values({ code: newCertificateCode(), userId, courseId, holderName: holder!.name, hours })
		.onConflictDoNothing();
}

export type CertificateView = {
	code: string;
	holderName: string;
	hours: number;
	issuedAt: Date;
	courseSlug: string;
	courseTitle: string;
	courseSummary: string;
	outcomes: string[];
	shownLocale: string;
	/** Whether the actor holds it (and so is offered the ways to share it). */
	mine: boolean;
};

/** A certificate by its code with its course in the reader's language (or the fallback), and whose it is. */
export async function findCertificate(db: DbOrTx, actor: Actor, code: string, locale: AppLocale): Promise<(CertificateView & { userId: string }) | undefined> {
	const [row] = await db
		.select({ certificate, slug: course.slug })
		.from(certificate)
		.innerJoin(course, eq(course.id, certificate.courseId))
		.where(eq(certificate.code, normaliseCertificateCode(code)));
	if (!row) return undefined;
	const t = pickTranslations(
		await db.select().from(courseTranslation).where(eq(courseTranslation.courseId, row.certificate.courseId)),
		(r) => r.courseId,
		locale
	)(row.certificate.courseId);
	return {
		userId: row.certificate.userId,
		code: row.certificate.code,
		holderName: row.certificate.holderName,
		hours: row.certificate.hours,
		issuedAt: row.certificate.issuedAt,
		courseSlug: row.slug,
		courseTitle: t?.title ?? row.slug,
		courseSummary: t?.summary ?? '',
		outcomes: t?.outcomes ?? [],
		shownLocale: t?.shownLocale ?? 'en',
		mine: can(actor, 'certificate:share', { userId: row.certificate.userId })
	};
}

/** A certificate by its code, for anyone who has the code (the actor may be a visitor). */
export async function getCertificate(db: DbOrTx, actor: Actor, code: string, locale: AppLocale): Promise<CertificateView | undefined> {
	const found = await findCertificate(db, actor, code, locale);
	if (!found) return undefined;
	const { userId: _userId, ...view } = found;
	return view;
}

/** The certificates the actor holds, newest first (none for a visitor). */
export async function listCertificates(db: DbOrTx, actor: Actor) {
	if (!actor || !can(actor, 'account:use')) return [];
	const userId = actor.id;
	return db
		.select({ code: certificate.code, courseId: certificate.courseId, issuedAt: certificate.issuedAt, hours: certificate.hours })
		.from(certificate)
		.where(eq(certificate.userId, userId));
}
