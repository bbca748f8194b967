import { z } from 'zod';

/** An editor's wording of one node in one language. Plain text: escaped wherever it is shown. */
export const nodeWordingForm = z.object({
	title: z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(300, 'error_too_long')
		.refine((value) => !/[<>]/.test(value), 'error_no_markup'),
	body: z.string().trim().max(5000, 'error_too_long').default('')
});
