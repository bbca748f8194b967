import type { Reroute } from '@sveltejs/kit/hooks';
import { deLocalizeUrl } from '#lib/paraglide/runtime.js';

// /nb/glossary is served by the route /glossary; the locale comes from the URL.
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
