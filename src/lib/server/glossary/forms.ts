import { z } from 'zod';

/** An editor's wording of one glossary term in one language (the same limits as the content files). Plain text. */
export const termWordingForm = z.object({
	term: z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(120, 'error_too_long')
		.refine((value) => !/[<>]/.test(value), 'error_no_markup'),
	definition: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(1200, 'error_too_long')
});
