// The glossary of key terms: shipped content, read by everyone, found by search, edited by editors;
// members propose new terms (co-careering), editors accept or reject them.
import type { Capability } from '../capability.ts';
import { importGlossary } from './import.ts';
import { GLOSSARY_DATA } from './personal-data.ts';
import { GLOSSARY_AUDIT_EVENTS } from './proposals.ts';
import { GLOSSARY_SEARCH } from './search.ts';

export const glossary: Capability = {
	name: 'glossary',
	content: [{ type: 'glossary', import: importGlossary }],
	search: [GLOSSARY_SEARCH],
	personalData: GLOSSARY_DATA,
	audit: GLOSSARY_AUDIT_EVENTS
};

export * from './forms.ts';
export * from './proposals.ts';
