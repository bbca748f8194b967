import type { ResourceFilter } from './queries.ts';
import { DURATIONS, KINDS, LANGUAGES, QUALITY_AREAS, SECTORS, SETTINGS, TARGETS, type DurationBand, type ResourceKind } from './vocabulary.ts';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined => ((list as readonly string[]).includes(value ?? '') ? (value as T) : undefined);

/** A browse filter from a query string; a value outside the vocabulary means "any". */
export function filterFromQuery(params: URLSearchParams): ResourceFilter {
	return {
		kind: oneOf<ResourceKind>(KINDS, params.get('kind')),
		sector: oneOf(SECTORS, params.get('sector')),
		target: oneOf(TARGETS, params.get('target')),
		qualityArea: oneOf(QUALITY_AREAS, params.get('area')),
		language: oneOf(LANGUAGES, params.get('language')),
		setting: oneOf(SETTINGS, params.get('setting')),
		duration: oneOf<DurationBand>(DURATIONS, params.get('duration'))
	};
}

/** The query-string names of the facets. */
export const FACET_PARAMS = { kind: 'kind', sector: 'sector', target: 'target', qualityArea: 'area', language: 'language', setting: 'setting', duration: 'duration' } as const;

/** The query string of a filter with one facet changed (undefined: removed), for facet links. */
export function queryWith(filter: ResourceFilter, facet?: keyof typeof FACET_PARAMS, value?: string): string {
	const params = new URLSearchParams();
	for (const [key, name] of Object.entries(FACET_PARAMS) as [keyof typeof FACET_PARAMS, string][]) {
		const v = key === facet ? value : (filter[key] as string | undefined);
		if (v) params.set(name, v);
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}
