import type { z } from 'zod';

/** A shipped content file that cannot be imported; the message names the file and the field. */
export class ContentError extends Error {
	override name = 'ContentError';
	readonly file: string;
	readonly field: string;

	constructor(file: string, field: string, reason: string) {
		super(`${file}: ${field ? `${field}: ` : ''}${reason}`);
		this.file = file;
		this.field = field;
	}

	static fromZod(file: string, error: z.ZodError): ContentError {
		const issue = error.issues[0];
		const field = issue ? issue.path.map(String).join('.') : '';
		return new ContentError(file, field, issue?.message ?? 'invalid');
	}
}
