CREATE TABLE "search_document" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"locale" text NOT NULL,
	"path" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"config" text NOT NULL,
	"tsv" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_document_tsv_idx" ON "search_document" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_document_title_trgm_idx" ON "search_document" USING gin (lower(unaccent_immutable("title")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_document_locale_type_idx" ON "search_document" USING btree ("locale","type");