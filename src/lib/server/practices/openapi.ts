import { CHANNELS, LICENCES, PRACTICE_COUNTRIES, PRACTICE_SECTORS, SORTS } from '../../practices/options.ts';
import { FACET_NAMES } from './queries.ts';

// The open API's OpenAPI 3.1 document: what /api/openapi.json serves, what the /api page shows and
// what the tests validate every response against. Schemas use only type, properties, required,
// items, enum, additionalProperties and $ref, so the test's checker stays small.

export const API_MAX_PAGE_SIZE = 100;
export const API_PAGE_SIZE = 50;

const nullable = (type: string) => ({ type: [type, 'null'] });
const strings = { type: 'array', items: { type: 'string' } };

export const OPENAPI = {
	openapi: '3.1.0',
	info: {
		title: 'Praxis practice inventory',
		version: '1.0.0',
		description:
			'Published career guidance practices described with the ICT and LMI mapping template. Read-only; each record carries its licence. Field values are keyed by the template framework version’s field and option keys (see /frameworks/ict-lmi-mapping-template).'
	},
	servers: [{ url: '/' }],
	paths: {
		'/api/practices': {
			get: {
				operationId: 'listPractices',
				summary: 'A page of published practices',
				parameters: [
					{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
					{ name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: API_MAX_PAGE_SIZE } },
					{ name: 'q', in: 'query', description: 'Full-text search', schema: { type: 'string' } },
					{ name: 'sort', in: 'query', schema: { type: 'string', enum: [...SORTS] } },
					...FACET_NAMES.map((name) => ({ name, in: 'query', description: 'Repeat for any of several values', schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true }))
				],
				responses: {
					'200': { description: 'The page', headers: { ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/PracticePage' } } } },
					'304': { description: 'Not modified since the ETag given in If-None-Match' },
					'429': { description: 'Too many requests from this address', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
				}
			}
		},
		'/api/practices/{id}': {
			get: {
				operationId: 'getPractice',
				summary: 'One published practice',
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
				responses: {
					'200': { description: 'The practice', headers: { ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Practice' } } } },
					'304': { description: 'Not modified' },
					'404': { description: 'No published practice with this id', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
					'429': { description: 'Too many requests from this address', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
				}
			}
		},
		'/api/practices.csv': {
			get: {
				operationId: 'exportPractices',
				summary: 'Every published practice as CSV (streamed), one row per practice with its licence',
				responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } } }
			}
		},
		'/api/practices.json': {
			get: {
				operationId: 'exportPracticesJson',
				summary: 'Every published practice as one JSON document (streamed), with the licences of the records',
				responses: {
					'200': { description: 'The export', content: { 'application/json': { schema: { $ref: '#/components/schemas/PracticeExport' } } } },
					'429': { description: 'Too many requests from this address', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
				}
			}
		},
		'/api/openapi.json': {
			get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } }
		}
	},
	components: {
		schemas: {
			FieldValue: {
				type: 'object',
				additionalProperties: false,
				properties: { text: { type: 'string' }, options: strings }
			},
			Wording: {
				type: 'object',
				description: 'A translation of the record into one language, part by part; a part that is absent is not translated (read it in the record’s `language`).',
				additionalProperties: false,
				properties: {
					title: { type: 'string' },
					summary: { type: 'string' },
					fields: { type: 'object', description: 'The free text of template fields, keyed by field key', additionalProperties: { type: 'string' } }
				}
			},
			Practice: {
				type: 'object',
				additionalProperties: false,
				required: ['id', 'url', 'title', 'summary', 'language', 'translations', 'organisation', 'country', 'region', 'sector', 'languages', 'startYear', 'channels', 'licence', 'example', 'template', 'fields', 'publishedAt', 'updatedAt'],
				properties: {
					id: { type: 'string', format: 'uuid' },
					url: { type: 'string' },
					title: { type: 'string' },
					summary: { type: 'string' },
					language: { type: 'string' },
					translations: { type: 'object', description: 'Translations keyed by language code', additionalProperties: { $ref: '#/components/schemas/Wording' } },
					organisation: nullable('string'),
					country: { type: 'string', enum: [...PRACTICE_COUNTRIES] },
					region: { type: 'string' },
					sector: { type: 'string', enum: [...PRACTICE_SECTORS] },
					languages: strings,
					startYear: nullable('integer'),
					channels: { type: 'array', items: { type: 'string', enum: [...CHANNELS] } },
					licence: { type: 'string', enum: [...LICENCES] },
					example: { type: 'boolean', description: 'A sample record shipped with the platform' },
					template: { type: 'object', required: ['framework', 'version'], additionalProperties: false, properties: { framework: { type: 'string' }, version: { type: 'string' } } },
					fields: { type: 'object', additionalProperties: { $ref: '#/components/schemas/FieldValue' } },
					publishedAt: nullable('string'),
					updatedAt: { type: 'string' }
				}
			},
			PracticePage: {
				type: 'object',
				additionalProperties: false,
				required: ['data', 'meta', 'links'],
				properties: {
					data: { type: 'array', items: { $ref: '#/components/schemas/Practice' } },
					meta: {
						type: 'object',
						additionalProperties: false,
						required: ['page', 'pageSize', 'total'],
						properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' } }
					},
					links: {
						type: 'object',
						additionalProperties: false,
						required: ['self', 'next', 'prev'],
						properties: { self: { type: 'string' }, next: nullable('string'), prev: nullable('string') }
					}
				}
			},
			PracticeExport: {
				type: 'object',
				additionalProperties: false,
				required: ['generatedAt', 'source', 'template', 'licence', 'data'],
				properties: {
					generatedAt: { type: 'string' },
					source: { type: 'string' },
					template: { type: 'object', required: ['framework', 'version'], additionalProperties: false, properties: { framework: { type: 'string' }, version: { type: 'string' } } },
					licence: {
						type: 'object',
						required: ['note', 'licences'],
						additionalProperties: false,
						properties: {
							note: { type: 'string' },
							licences: {
								type: 'array',
								items: { type: 'object', required: ['id', 'url'], additionalProperties: false, properties: { id: { type: 'string', enum: [...LICENCES] }, url: { type: 'string' } } }
							}
						}
					},
					data: { type: 'array', items: { $ref: '#/components/schemas/Practice' } }
				}
			},
			Error: { type: 'object', required: ['error'], additionalProperties: false, properties: { error: { type: 'string' } } }
		}
	}
} as const;
