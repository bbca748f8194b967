import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '#lib/paraglide/runtime.js';

// /nb/glossary is served by the route /glossary; the locale comes from the URL.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
