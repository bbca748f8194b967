import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { SLUG } from '../forms/index.ts';
import { ContentError } from './errors.ts';

export type ContentFile<T> = { slug: string; file: string; data: T; hash: string };


/**
 * Reads every `*.yaml` file of one content folder and validates it against `schema`.
 * The slug is the file name. Throws a ContentError naming the file and the field.
 */
export function readContentFolder<S extends z.ZodType>(
	contentDir: string,
	folder: string,
	schema: S
): ContentFile<z.output<S>>[] {
	const dir = path.join(contentDir, folder);
	if (!fs.existsSync(dir)) return [];
	const names = fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
		.sort();
	return names.map((name) => {
		const file = path.join(folder, name);
		const slug = name.replace(/\.ya?ml$/, '');
		if (!SLUG.test(slug)) {
			throw new ContentError(file, '', 'the file name must be a slug of lowercase letters, digits and hyphens');
		}
		const text = fs.readFileSync(path.join(dir, name), 'utf8');
		let raw: unknown;
		try {
			raw = parse(text);
		} catch (error) {
			throw new ContentError(file, '', `not valid YAML (${(error as Error).message.split('\n')[0]})`);
		}
		const result = schema.safeParse(raw);
		if (!result.success) throw ContentError.fromZod(file, result.error);
		const hash = createHash('sha256').update(JSON.stringify(result.data)).digest('hex');
		return { slug, file, data: result.data, hash };
	});
}
