import { z } from 'zod';
import { BASE_LOCALE, LOCALES } from '../../i18n/locales.ts';
import { SLUG } from '../forms/index.ts';

export const NODE_KINDS = ['area', 'group', 'item', 'level', 'outcome', 'step', 'theme', 'field', 'option', 'element', 'criterion', 'indicator', 'scale'] as const;

const nodeTranslation = z.strictObject({
	title: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
	body: z.string().trim().max(5000, 'must be at most 5000 characters').default('')
});

const withBase = <T extends z.ZodType>(schema: T) =>
	z.partialRecord(z.enum(LOCALES), schema).refine((value) => value[BASE_LOCALE] !== undefined, {
		message: `must include the base language "${BASE_LOCALE}"`
	});

export type FrameworkNodeFile = {
	key: string;
	kind: (typeof NODE_KINDS)[number];
	code?: string;
	draft: boolean;
	placeholder: boolean;
	translations: Partial<Record<(typeof LOCALES)[number], { title: string; body: string }>>;
	children: FrameworkNodeFile[];
};

const node: z.ZodType<FrameworkNodeFile> = z.lazy(() =>
	z.strictObject({
		key: z.string().regex(SLUG, 'must be lowercase letters, digits and hyphens'),
		kind: z.enum(NODE_KINDS),
		code: z.coerce.string().max(20, 'must be at most 20 characters').optional(),
		draft: z.boolean().default(false),
		placeholder: z.boolean().default(false),
		translations: withBase(nodeTranslation),
		children: z.array(node).default([])
	})
) as z.ZodType<FrameworkNodeFile>;

/** The shape of one `content/frameworks/<slug>.yaml` file (see content/frameworks/FORMAT.md). */
export const frameworkFile = z.strictObject({
	version: z.coerce.string().min(1, 'is required').max(40, 'must be at most 40 characters'),
	status: z.enum(['draft', 'published']).default('published'),
	source: z.strictObject({
		citation: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
		url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()
	}),
	licence: z.string().trim().max(500).optional(),
	translations: withBase(
		z.strictObject({
			title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
			description: z.string().trim().max(2000, 'must be at most 2000 characters').default('')
		})
	),
	nodes: z.array(node).min(1, 'needs at least one node')
});

export type FrameworkFile = z.output<typeof frameworkFile>;
