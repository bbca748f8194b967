// The words of the resource library: kinds, facets and their allowed values.

/** Kinds of the quality laboratory (the library view). */
export const LIBRARY_KINDS = ['film', 'podcast', 'article', 'material', 'link'] as const;
/** Kinds of "Your career learning". */
export const CAREER_KINDS = ['starter', 'activity', 'reflection'] as const;
export const KINDS = [...LIBRARY_KINDS, ...CAREER_KINDS] as const;
export type ResourceKind = (typeof KINDS)[number];
export type LibraryKind = (typeof LIBRARY_KINDS)[number];
export type CareerKind = (typeof CAREER_KINDS)[number];

export const STATUSES = ['draft', 'published', 'rejected'] as const;
export type ResourceStatus = (typeof STATUSES)[number];

export const SECTORS = ['school', 'higher-education', 'public-employment', 'adult', 'all'] as const;
export const TARGETS = ['pupils', 'students', 'adults', 'jobseekers', 'newcomers', 'employees', 'practitioners'] as const;
export const SETTINGS = ['individual', 'group', 'class'] as const;
export const QUALITY_AREAS = ['competence', 'user-involvement', 'information', 'ethics', 'cooperation', 'management'] as const;
/** Languages a material may exist in (ISO 639-1). */
export const LANGUAGES = ['en', 'nb', 'nn', 'cs', 'sk', 'pl', 'de', 'fr', 'sv', 'da', 'fi', 'es', 'it', 'uk', 'ar'] as const;
/** Duration bands of the facet, in minutes: up to 15, 16–45, over 45. */
export const DURATIONS = ['short', 'medium', 'long'] as const;
export type DurationBand = (typeof DURATIONS)[number];

/** The framework the career-learning items link to, and its five buttons (its area node keys). */
export const CAREER_FRAMEWORK = 'career-learning-in-context';
export const BUTTONS = ['me-context', 'opportunities-limitations', 'choice-chance', 'change-stability', 'adaptation-resistance'] as const;
export type Button = (typeof BUTTONS)[number];

/** Films and podcasts need captions or a transcript before they are published. */
export const MEDIA_KINDS: readonly ResourceKind[] = ['film', 'podcast'];

export const TITLE_MAX = 120;
export const SUMMARY_MAX = 300;
export const BODY_MAX = 6000;

export const isKind = (value: unknown): value is ResourceKind => typeof value === 'string' && (KINDS as readonly string[]).includes(value);
export const isButton = (value: unknown): value is Button => typeof value === 'string' && (BUTTONS as readonly string[]).includes(value);
