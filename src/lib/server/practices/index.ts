// The practice inventory: guidance services, programmes and tools described with the ICT and LMI
// mapping template, drafted by organisations, reviewed and published by editors, browsed with
// facets, compared side by side and given away as open data. This file is the manifest and the
// public API.
import type { Capability } from '../capability.ts';
import { importPractices } from './import.ts';
import { PRACTICE_DATA } from './personal-data.ts';
import { PRACTICE_SEARCH } from './search.ts';

export * from './queries.ts';
export * from './service.ts';
export * from './template.ts';
export * from './translation.ts';
export * from './validate.ts';
export * from './wording.ts';

export const practices: Capability = {
	name: 'practices',
	content: [{ type: 'practices', import: importPractices }],
	search: [PRACTICE_SEARCH],
	personalData: PRACTICE_DATA
};
export * from './api.ts';
export * from './benchmark.ts';
export * from './csv.ts';
export * from './csv-import.ts';
export * from './json.ts';
export * from './openapi.ts';
