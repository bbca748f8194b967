// The resource library: the quality laboratory (films, podcasts, articles, material, links) and
// "Your career learning" (conversation starters, activities and reflection items per career
// button), on one resource model; the shelf, member proposals, and session plans.
import type { Capability } from '../capability.ts';
import { importResources } from './import.ts';
import { RESOURCE_DATA } from './personal-data.ts';
import { RESOURCE_SEARCH } from './search.ts';

export { buttonOutcomes, importResources } from './import.ts';
export { readResources, type ButtonOutcomes, type ResourceSource } from './content.ts';
export * from './editing.ts';
export * from './files.ts';
export * from './filter.ts';
export * from './plans.ts';
export * from './queries.ts';
export * from './service.ts';
export * from './vocabulary.ts';

export const resources: Capability = {
	name: 'resources',
	content: [{ type: 'resources', import: importResources }],
	search: [RESOURCE_SEARCH],
	personalData: RESOURCE_DATA
};
export * from './forms.ts';
export * from './career.ts';
