/** Countries offered at sign-up: the four founding countries and "other". */
export const COUNTRIES = ['NO', 'CZ', 'SK', 'PL', 'other'] as const;

/** Sectors of career guidance. */
export const SECTORS = ['school', 'vocational', 'higher_education', 'pes', 'adult_centre', 'private', 'ngo', 'other'] as const;

/** Platform roles, from least to most rights. */
export const ROLES = ['member', 'facilitator', 'editor', 'admin'] as const;
