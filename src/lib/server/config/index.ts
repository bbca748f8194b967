import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** A start-up failure whose message is meant for the operator as it is: one line, no stack. */
export class StartupError extends Error {
	override name = 'StartupError';
}

const boolean = z
	.enum(['true', 'false', '1', '0', 'yes', 'no'])
	.transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z
	.string()
	.regex(/^\d+$/, 'must be a whole number between 1 and 65535')
	.transform(Number)
	.refine((value) => value >= 1 && value <= 65535, 'must be a whole number between 1 and 65535');

// How many reverse proxies in front of the app append X-Forwarded-* (true/yes = one).
const proxyHopsMessage = 'must be true, false or the number of reverse proxies in front of the app (0 to 10)';
const proxyHops = z
	.string()
	.regex(/^(true|false|yes|no|\d{1,2})$/, proxyHopsMessage)
	.transform((value) => (value === 'true' || value === 'yes' ? 1 : value === 'false' || value === 'no' ? 0 : Number(value)))
	.refine((hops) => hops <= 10, proxyHopsMessage);

const totpKeysMessage = 'must be one or more comma-separated base64 keys of 32 bytes (make one with: openssl rand -base64 32)';
const badgeKeysMessage =
	'must be one or more comma-separated base64 PKCS#8 keys, RSA or Ed25519 (make one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -outform DER | base64 -w0)';
const badgeKeys = z
	.string()
	.transform((value) => value.split(',').map((part) => part.trim()))
	.refine((keys) => keys.every((key) => {
		try {
			const type = createPrivateKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs8' }).asymmetricKeyType;
			return type === 'rsa' || type === 'ed25519';
		} catch {
			return false;
		}
	}), badgeKeysMessage);

const totpKeys = z
	.string()
	.transform((value) => value.split(',').map((part) => Buffer.from(part.trim(), 'base64')))
	.refine((keys) => keys.every((key) => key.length === 32), totpKeysMessage);

function wholeNumber(min: number, max: number) {
	return z
		.string()
		.regex(/^\d+$/, 'must be a whole number')
		.transform(Number)
		.refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`);
}

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	HOST: z.string().min(1).default('0.0.0.0'),
	PORT: port.default(3000),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
		.optional(),
	DATABASE_POOL_SIZE: wholeNumber(1, 100).default(10),
	PUBLIC_ORIGIN: z
		.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as https://praxis.example.org' })
		.transform((value) => new URL(value).origin)
		.optional(),
	TRUST_PROXY: proxyHops.default(0),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	CONTENT_DIR: z.string().min(1).default('./content'),
	MIGRATIONS_DIR: z.string().min(1).default('./migrations'),
	SMTP_URL: z
		.string()
		.refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
		.optional(),
	MAIL_FROM: z.string().min(3).default('Praxis <no-reply@localhost>'),
	SESSION_IDLE_HOURS: wholeNumber(1, 24 * 90).default(24 * 7),
	SESSION_ABSOLUTE_DAYS: wholeNumber(1, 365).default(30),
	AUDIT_RETENTION_DAYS: wholeNumber(30, 3650).default(365),
	// How long an undelivered mail keeps its link (without SMTP: the time an operator has to read
	// it with `npm run outbox`), and how long outbox rows are kept at all.
	MAIL_LINK_HOURS: wholeNumber(1, 24 * 14).default(48),
	MAIL_RETENTION_DAYS: wholeNumber(1, 3650).default(30),
	// Sign-ups allowed per IP address per hour: raise it where many people share one address
	// (a training room behind one NAT, the browser tests).
	SIGNUP_LIMIT_PER_HOUR: wholeNumber(1, 10000).default(5),
	SHUTDOWN_TIMEOUT: wholeNumber(1, 60).default(8),
	// Keys that seal TOTP secrets at rest (accounts/totp-secret.ts): the first seals, all open.
	TOTP_KEYS: totpKeys.optional(),
	// Keys that sign Open Badges credentials (signing/): the first signs, all are published.
	BADGE_SIGNING_KEYS: badgeKeys.optional(),
	// Live card sessions: the most participants one session takes, and how many days after a
	// session ended the answers of participants without an account are deleted.
	CARD_LIVE_MAX_PARTICIPANTS: wholeNumber(1, 100000).default(1000),
	CARD_LIVE_RETENTION_DAYS: wholeNumber(1, 3650).default(30),
	// How often each app instance looks for community digests that are due (seconds).
	DIGEST_SWEEP_SECONDS: wholeNumber(1, 86400).default(600)
});

export type Config = {
	nodeEnv: 'development' | 'production' | 'test';
	host: string;
	port: number;
	dataDir: string;
	databaseUrl: string | undefined;
	databasePoolSize: number;
	publicOrigin: string | undefined;
	trustProxy: boolean;
	/** Reverse proxies whose X-Forwarded-* headers count, nearest first (0: none). */
	proxyHops: number;
	logLevel: string;
	contentDir: string;
	migrationsDir: string;
	shutdownTimeoutSeconds: number;
	smtpUrl: string | undefined;
	mailFrom: string;
	sessionIdleHours: number;
	sessionAbsoluteDays: number;
	auditRetentionDays: number;
	mailLinkHours: number;
	mailRetentionDays: number;
	signUpLimitPerHour: number;
	totpKeys: Buffer[];
	/** Base64 PKCS#8 keys that sign badges, the signing one first (empty: see signing/). */
	badgeSigningKeys: string[];
	cardLiveMaxParticipants: number;
	cardLiveRetentionDays: number;
	digestSweepSeconds: number;
};

/** Reads and validates every setting; throws a StartupError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	// Empty strings count as "not set", as they do in most shells and process managers.
	const present = Object.fromEntries(
		Object.entries(env).filter(([key, value]) => key in schema.shape && value !== undefined && value !== '')
	);
	const result = schema.safeParse(present);
	if (!result.success) {
		const issue = result.error.issues[0];
		const name = String(issue?.path[0] ?? 'environment');
		const shown = JSON.stringify(redact(name, String(env[name] ?? '')));
		throw new StartupError(`Invalid ${name}=${shown}: ${issue?.message ?? 'invalid value'}`);
	}
	const c = result.data;
	// Mails carry sign-in and reset links; in production they must point at the one public
	// address, never at whatever Host a request claimed (see publicOrigin()).
	if (c.NODE_ENV === 'production' && c.SMTP_URL && !c.PUBLIC_ORIGIN) {
		throw new StartupError(
			'Invalid SMTP_URL: sending mail needs PUBLIC_ORIGIN, the address people use (such as https://praxis.example.org), so that links in mails point there'
		);
	}
	return {
		nodeEnv: c.NODE_ENV,
		host: c.HOST,
		port: c.PORT,
		dataDir: path.resolve(c.DATA_DIR),
		databaseUrl: c.DATABASE_URL,
		databasePoolSize: c.DATABASE_POOL_SIZE,
		publicOrigin: c.PUBLIC_ORIGIN,
		trustProxy: c.TRUST_PROXY > 0,
		proxyHops: c.TRUST_PROXY,
		logLevel: c.LOG_LEVEL,
		contentDir: path.resolve(c.CONTENT_DIR),
		migrationsDir: path.resolve(c.MIGRATIONS_DIR),
		shutdownTimeoutSeconds: c.SHUTDOWN_TIMEOUT,
		smtpUrl: c.SMTP_URL,
		mailFrom: c.MAIL_FROM,
		sessionIdleHours: c.SESSION_IDLE_HOURS,
		sessionAbsoluteDays: c.SESSION_ABSOLUTE_DAYS,
		auditRetentionDays: c.AUDIT_RETENTION_DAYS,
		mailLinkHours: c.MAIL_LINK_HOURS,
		mailRetentionDays: c.MAIL_RETENTION_DAYS,
		signUpLimitPerHour: c.SIGNUP_LIMIT_PER_HOUR,
		totpKeys: c.TOTP_KEYS ?? [],
		badgeSigningKeys: c.BADGE_SIGNING_KEYS ?? [],
		cardLiveMaxParticipants: c.CARD_LIVE_MAX_PARTICIPANTS,
		cardLiveRetentionDays: c.CARD_LIVE_RETENTION_DAYS,
		digestSweepSeconds: c.DIGEST_SWEEP_SECONDS
	};
}

/** Hides the password of a database URL so it never reaches a terminal or a log. */
export function redactDatabaseUrl(value: string): string {
	try {
		const url = new URL(value);
		if (url.password) url.password = '***';
		return url.toString();
	} catch {
		return '<unparseable URL>';
	}
}

function redact(name: string, value: string): string {
	if (name === 'TOTP_KEYS' || name === 'BADGE_SIGNING_KEYS') return '***';
	return name === 'DATABASE_URL' || name === 'SMTP_URL' ? redactDatabaseUrl(value) : value;
}

/**
 * The one origin links in mails (and anything else sent outside the request) are built on:
 * PUBLIC_ORIGIN, or this machine's own http://localhost:PORT when it is not set (development,
 * and production without SMTP, where mails are read in the admin outbox). Never the request's Host.
 */
export function publicOrigin(c: Config = config()): string {
	return c.publicOrigin ?? `http://localhost:${c.port}`;
}

let cached: Config | undefined;

/** The process's configuration, read once. */
export function config(): Config {
	cached ??= loadConfig();
	return cached;
}

/** Forgets the configuration read, so that the next `config()` reads the environment again (tests change it). */
export function forgetConfig(): void {
	cached = undefined;
}
