import { z } from 'zod';
import { numericId, plainText } from '../forms/index.ts';

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

/** A member's proposal of a new term: its wording, and optionally its source and a link. */
export const termProposalForm = termWordingForm.extend({
	source: plainText(300).default(''),
	link: z
		.string()
		.trim()
		.max(500, 'error_too_long')
		.default('')
		.refine((v) => v === '' || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), 'glossary_error_link')
		.transform((v) => v || null)
});

/** An editor's decision on a proposal; a rejection carries its reason. */
export const termDecisionForm = z.object({
	id: numericId(),
	decision: z.enum(['accept', 'reject'], { error: 'error_invalid' }),
	reason: plainText(1000).default('')
});
