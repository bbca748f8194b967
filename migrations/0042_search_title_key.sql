DROP INDEX "search_document_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "search_document" ADD COLUMN "title_key" text GENERATED ALWAYS AS (lower(unaccent_immutable(title))) STORED;--> statement-breakpoint
CREATE INDEX "search_document_title_trgm_idx" ON "search_document" USING gin ("title_key" gin_trgm_ops) WITH (fastupdate=false);