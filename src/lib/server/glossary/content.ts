import { z } from 'zod';
import { BASE_LOCALE, LOCALES } from '../../i18n/locales.ts';

const translation = z.strictObject({
	term: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
	definition: z.string().trim().min(1, 'is required').max(1200, 'must be at most 1200 characters')
});

/** The shape of one `content/glossary/<slug>.yaml` file. */
export const glossaryFile = z.strictObject({
	source: z.strictObject({
		citation: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
		url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()
	}),
	related: z.array(z.string()).default([]),
	translations: z
		.partialRecord(z.enum(LOCALES), translation)
		.refine((value) => value[BASE_LOCALE] !== undefined, {
			message: `must include the base language "${BASE_LOCALE}"`
		})
});

export type GlossaryFile = z.output<typeof glossaryFile>;
