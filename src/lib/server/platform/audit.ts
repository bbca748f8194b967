import { CAPABILITIES } from '../capabilities.ts';

/** Every kind of security event the platform records: the capabilities' vocabularies together. */
export const AUDIT_EVENTS: readonly string[] = CAPABILITIES.flatMap((c) => c.audit ?? []);
