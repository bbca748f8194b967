// The reference frameworks: versioned data, browsable, searchable, edited by editors.
import type { Capability } from '../capability.ts';
import { importFrameworks } from './import.ts';
import { FRAMEWORK_DATA } from './personal-data.ts';
import { FRAMEWORK_SEARCH } from './search.ts';

export const frameworks: Capability = {
	name: 'frameworks',
	content: [{ type: 'frameworks', import: importFrameworks }],
	search: [FRAMEWORK_SEARCH],
	personalData: FRAMEWORK_DATA
};
