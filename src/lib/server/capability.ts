// What a capability contributes to the platform: its manifest. Each capability's index.ts exports
// one `Capability`; src/lib/server/capabilities.ts lists them all, and platform/ loops over that
// list (content import, search, personal data, mail, audit vocabulary, event handlers).
// Low level on purpose: only types, importing no capability.
import type { SQL } from 'drizzle-orm';
import type { AppLocale } from '../i18n/locales.ts';
import type { DbOrTx } from './db/client.ts';
import type { ImportOptions, ImportReport } from './content/report.ts';

/** Shipped content of one type, read from the content folder and applied in the caller's transaction. */
export type ContentImporter = {
	type: string;
	import: (tx: DbOrTx, contentDir: string, options: ImportOptions) => Promise<ImportReport>;
};

/**
 * A kind of searchable item. `rows(ref)` is an INSERT … SELECT into search_document for every
 * item of the type, or for the one item named by `ref` (the part after `type:`).
 */
export type SearchSource = {
	type: string;
	rows: (ref?: string) => SQL;
};

/** Whose data is being erased. */
export type ErasedPerson = {
	id: string;
	addresses: readonly string[];
	/** What the person chose for what they wrote for others to read (community posts): kept under "deleted member" (the default), or its words removed. */
	writing?: 'keep' | 'remove';
};

/** A person's data held by a capability: exported (GDPR Art. 15/20) and erased with the account. */
export type PersonalData = {
	/** The key of this part in the export document. */
	key: string;
	export: (db: DbOrTx, userId: string) => Promise<unknown>;
	/**
	 * Runs inside the account deletion's transaction, before the user row goes: removes or
	 * anonymises what does not go with the row (`ON DELETE CASCADE`). `addresses` are every email
	 * address the account is known to have had (current, earlier, pending).
	 */
	erase?: (tx: DbOrTx, person: ErasedPerson) => Promise<void>;
};

/** The words of one kind of mail in one language; the platform adds the layout. */
export type MailText = { subject: string; body: string; action: string; footer?: string };
export type MailTemplate = (params: Record<string, string>, locale: AppLocale) => MailText;

/** A domain event as the dispatcher hands it to a handler, after the emitting transaction committed. */
export type DomainEvent = { id: number; type: string; payload: Record<string, unknown>; createdAt: Date };
/** Performs one side effect of an event; must be idempotent (delivery is at least once). */
export type EventHandler = (db: DbOrTx, event: DomainEvent) => Promise<void>;

/**
 * Work a capability does on a schedule (a digest sweep): `run` every `everySeconds()` on every app
 * instance, so it must be safe to run on two at once (claim rows with a conditional UPDATE).
 */
export type ScheduledJob = { name: string; everySeconds: () => number; run: (db: DbOrTx) => Promise<void> };

export type Capability = {
	name: string;
	content?: readonly ContentImporter[];
	search?: readonly SearchSource[];
	personalData?: readonly PersonalData[];
	mail?: Readonly<Record<string, MailTemplate>>;
	audit?: readonly string[];
	/** Handlers by event type, run by the dispatcher after commit. */
	events?: Readonly<Record<string, EventHandler | readonly EventHandler[]>>;
	jobs?: readonly ScheduledJob[];
};
