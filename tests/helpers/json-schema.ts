// Holds API answers to the schemas of the OpenAPI 3.1 document they are served under: OpenAPI 3.1
// schemas are JSON Schema 2020-12, checked here with Ajv (and its formats, e.g. `uuid`).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

/** Every place where `value` breaks `schema` (a schema inside `document`, whose `#/components/…` refs it may use), as "path: problem"; empty: it conforms. */
export function schemaErrors(document: { components: unknown }, schema: object, value: unknown): string[] {
	const validate = ajv.compile({ ...schema, components: document.components });
	if (validate(value)) return [];
	return (validate.errors ?? []).map((e) => `$${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
}
