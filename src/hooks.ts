import type { Reroute } from '@sveltejs/kit/hooks';
import { deLocalizePath } from '#lib/i18n/paths.ts';

// /nb/glossary is served by the route /glossary; the locale comes from the URL.
export const reroute: Reroute = ({ url }) => deLocalizePath(url.pathname);
