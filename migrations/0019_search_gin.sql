DROP INDEX "search_document_tsv_idx";--> statement-breakpoint
DROP INDEX "search_document_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "search_document_tsv_idx" ON "search_document" USING gin ("tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "search_document_title_trgm_idx" ON "search_document" USING gin (lower(unaccent_immutable("title")) gin_trgm_ops) WITH (fastupdate=false);