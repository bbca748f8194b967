import { m } from '#lib/paraglide/messages.js';

const messages = m as unknown as Record<string, (() => string) | undefined>;

/** A message by its key, for keys that come from data (error codes, option values). */
export function message(key: string): string {
	return messages[key]?.() ?? key;
}
