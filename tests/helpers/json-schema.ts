// A small JSON Schema checker for the subset the OpenAPI documents here use (type with null,
// properties, required, additionalProperties, items, enum, $ref to '#/components/schemas/…'):
// enough to hold every API response to its documented schema without a validator dependency.

type Schema = {
	$ref?: string;
	type?: string | string[];
	properties?: Record<string, Schema>;
	required?: readonly string[];
	additionalProperties?: boolean | Schema;
	items?: Schema;
	enum?: readonly unknown[];
};

const typeOf = (value: unknown): string =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;

/** Every place where `value` breaks `schema`, as "path: problem" (empty: it conforms). */
export function schemaErrors(document: { components: { schemas: Record<string, unknown> } }, schema: unknown, value: unknown, at = '$'): string[] {
	let s = schema as Schema;
	if (s.$ref) {
		const name = s.$ref.replace('#/components/schemas/', '');
		const target = document.components.schemas[name];
		if (!target) return [`${at}: unknown $ref ${s.$ref}`];
		s = target as Schema;
	}
	const errors: string[] = [];
	if (s.type) {
		const allowed = Array.isArray(s.type) ? s.type : [s.type];
		const actual = typeOf(value);
		if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) return [`${at}: ${actual} is not ${allowed.join('|')}`];
	}
	if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${s.enum.join(', ')}`);
	if (typeOf(value) === 'object') {
		const object = value as Record<string, unknown>;
		for (const key of s.required ?? []) if (!(key in object)) errors.push(`${at}: missing ${key}`);
		for (const [key, v] of Object.entries(object)) {
			const property = s.properties?.[key];
			if (property) errors.push(...schemaErrors(document, property, v, `${at}.${key}`));
			else if (s.additionalProperties === false) errors.push(`${at}: unexpected ${key}`);
			else if (s.additionalProperties && typeof s.additionalProperties === 'object') errors.push(...schemaErrors(document, s.additionalProperties, v, `${at}.${key}`));
		}
	}
	if (Array.isArray(value) && s.items) value.forEach((item, i) => errors.push(...schemaErrors(document, s.items, item, `${at}[${i}]`)));
	return errors;
}
