import { m } from '#lib/paraglide/messages.js';
import { message } from '#lib/i18n/message.ts';
import { LOCALE_NAMES, isAppLocale } from '#lib/i18n/locales.ts';

// The words for the practice inventory's own vocabularies (the template's come from the framework).

export const countryLabel = (code: string) => (code === 'EU' ? m.practices_country_eu() : message(`country_${code}`));
export const sectorLabel = (code: string) => message(`sector_${code}`);
export const channelLabel = (code: string) => message(`practices_channel_${code}`);
export const statusLabel = (status: string) => message(`practices_status_${status}`);
export const languageLabel = (code: string) => (isAppLocale(code) ? LOCALE_NAMES[code] : code);
/** A language's name in the reader's language ("Czech", "čeština"), for sentences about translations. */
export const languageName = (code: string) => (isAppLocale(code) ? message(`practices_language_${code}`) : code);
