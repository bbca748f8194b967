import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { email, isNumericId, isSlug, isUuid, numericId, pageNumber, parseForm, singleLine, slug, text, uuid } from '../../src/lib/server/forms/index.ts';

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
};

describe('the shared field vocabulary', () => {
	it('knows a slug when it sees one', () => {
		for (const good of ['foundations', 'key-terms', 'a1-b2']) expect(isSlug(good)).toBe(true);
		for (const bad of ['', 'Key', 'a--b', '-a', 'a-', 'a b', 'æ', "'; drop table", 'x'.repeat(101), 7]) expect(isSlug(bad)).toBe(false);
	});

	it('lets only UUIDs through to a uuid column', () => {
		expect(isUuid('00000000-0000-4000-8000-000000000000')).toBe(true);
		expect(isUuid('0A0B0C0D-0000-7000-8000-00000000000F')).toBe(true);
		for (const bad of ['not-a-uuid', "'; drop table users; --", '', '00000000-0000-4000-8000-0000000000000', undefined, 12]) expect(isUuid(bad)).toBe(false);
		expect(uuid('org_error_choose_member').safeParse('x').error?.issues[0]?.message).toBe('org_error_choose_member');
	});

	it('takes numeric ids that fit an integer column', () => {
		expect(numericId().parse('42')).toBe(42);
		for (const bad of ['-1', '1e3', '9999999999', '', ' 4']) expect(numericId().safeParse(bad).success).toBe(false);
		expect(isNumericId('12')).toBe(true);
		expect(isNumericId('12a')).toBe(false);
	});

	it('single-line text is trimmed, bounded and free of control characters', () => {
		expect(singleLine(10).parse('  Ada  ')).toBe('Ada');
		expect(singleLine(10).safeParse('').error?.issues[0]?.message).toBe('error_required');
		expect(singleLine(3).safeParse('abcd').error?.issues[0]?.message).toBe('error_too_long');
		expect(singleLine(10).safeParse('a\nb').error?.issues[0]?.message).toBe('error_invalid');
		expect(text(10).safeParse('<b>').error?.issues[0]?.message).toBe('error_no_markup');
		expect(slug({ message: 'author_error_key' }).safeParse('Not a key').error?.issues[0]?.message).toBe('author_error_key');
		expect(email.parse(' Ada@Example.ORG ')).toBe('ada@example.org');
	});
});

describe('parseForm', () => {
	const schema = z.object({ name: text(20), id: uuid(), tags: z.array(z.string()).optional() });

	it('returns the data, with repeated fields as lists', () => {
		const parsed = parseForm(schema, form([['name', 'Ada'], ['id', '00000000-0000-4000-8000-000000000000'], ['tags', 'a'], ['tags', 'b']]));
		expect(parsed).toEqual({ ok: true, data: { name: 'Ada', id: '00000000-0000-4000-8000-000000000000', tags: ['a', 'b'] } });
	});

	it('returns one message key per field and the values sent, never passwords', () => {
		const parsed = parseForm(schema.extend({ password: z.string().min(20) }), form([['name', ''], ['id', "'; drop table"], ['password', 'short']]));
		expect(parsed).toEqual({ ok: false, errors: { name: 'error_required', id: 'error_invalid', password: 'error_invalid' }, values: { name: '', id: "'; drop table" } });
	});

	it('refuses NUL in any field, even one the schema does not know', () => {
		const parsed = parseForm(schema, form([['name', 'Ada'], ['id', '00000000-0000-4000-8000-000000000000'], ['extra', 'a\u0000']]));
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.errors.extra).toBe('error_invalid');
	});
});

describe('pageNumber', () => {
	it('reads a whole page number from 1, and anything else as the first page', () => {
		const page = (query: string, max?: number) => pageNumber(new URLSearchParams(query), max);
		expect(page('page=3')).toBe(3);
		for (const bad of ['', 'page=0', 'page=-2', 'page=1.5', 'page=abc', 'page=1e9', 'page=%00']) expect(page(bad), bad).toBe(1);
		expect(page('page=11', 10)).toBe(1);
	});
});
