-- Full-text search in five languages: unaccent (for cs, sk, pl, which have no stemmer here) and
-- trigram similarity for typo tolerance. unaccent() is only STABLE, so an IMMUTABLE wrapper
-- with the dictionary named explicitly lets it be used in indexes.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION unaccent_immutable(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
