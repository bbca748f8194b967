import { SECTORS } from '../accounts/options.ts';
import { LOCALES } from '../i18n/locales.ts';

// The practice inventory's own vocabularies (the template's option lists come from the framework).

export const PRACTICE_STATUSES = ['draft', 'submitted', 'published'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];
/** The four founding countries, practices at European level, and the rest. */
export const PRACTICE_COUNTRIES = ['NO', 'CZ', 'SK', 'PL', 'EU', 'other'] as const;
export const PRACTICE_SECTORS = SECTORS;
export const PRACTICE_LANGUAGES = LOCALES;
/** How people reach the service. */
export const CHANNELS = ['web', 'app', 'phone', 'chat', 'video', 'email', 'social_media', 'face_to_face'] as const;
/** Licences a description may be published under (open data). */
export const LICENCES = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0'] as const;
export const SORTS = ['title', 'newest', 'country', 'start'] as const;
export type PracticeSort = (typeof SORTS)[number];

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 1500;
export const REGION_MAX = 100;
export const FIELD_TEXT_MAX = 5000;
export const COMMENT_MAX = 2000;
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;
