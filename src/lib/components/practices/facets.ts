import { m } from '#lib/paraglide/messages.js';
import { CHANNELS, PRACTICE_COUNTRIES, PRACTICE_SECTORS } from '#lib/practices/options.ts';
import { channelLabel, countryLabel, sectorLabel } from './labels.ts';

// The browse facets as the filter forms show them (the browse page and the statistics share them,
// so both read and write the same query parameters): name, legend and options in order.

export type FacetOption = { value: string; label: string; lang?: string };
export type FacetName = 'theme' | 'function' | 'rationale' | 'audience' | 'country' | 'sector' | 'funding' | 'barrier' | 'channel';
export type FacetGroup = { name: FacetName; legend: string; options: FacetOption[] };

/** The facet groups, given the template's option lists (theme, function, rationale, audience, funding, barrier). */
export function facetGroups(template: Record<string, FacetOption[] | undefined>): FacetGroup[] {
	return [
		{ name: 'theme', legend: m.practices_facet_theme(), options: template.theme ?? [] },
		{ name: 'function', legend: m.practices_facet_function(), options: template.function ?? [] },
		{ name: 'rationale', legend: m.practices_facet_rationale(), options: template.rationale ?? [] },
		{ name: 'audience', legend: m.practices_facet_audience(), options: template.audience ?? [] },
		{ name: 'country', legend: m.practices_facet_country(), options: PRACTICE_COUNTRIES.map((c) => ({ value: c, label: countryLabel(c) })) },
		{ name: 'sector', legend: m.practices_facet_sector(), options: PRACTICE_SECTORS.map((s) => ({ value: s, label: sectorLabel(s) })) },
		{ name: 'funding', legend: m.practices_facet_funding(), options: template.funding ?? [] },
		{ name: 'barrier', legend: m.practices_facet_barrier(), options: template.barrier ?? [] },
		{ name: 'channel', legend: m.practices_facet_channel(), options: CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })) }
	];
}
