import { CAPABILITIES } from '../capabilities.ts';
import type { MailTemplate } from '../capability.ts';

/** Every kind of mail the platform sends, by kind, from the capabilities' manifests. */
export const MAIL_TEMPLATES: Readonly<Record<string, MailTemplate>> = Object.assign({}, ...CAPABILITIES.map((c) => c.mail ?? {}));
