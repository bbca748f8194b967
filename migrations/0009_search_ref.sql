-- The index is derived data: emptied here and rebuilt from the content tables at start-up.
DELETE FROM "search_document";--> statement-breakpoint
ALTER TABLE "search_document" ADD COLUMN "ref" text NOT NULL;--> statement-breakpoint
CREATE INDEX "search_document_ref_idx" ON "search_document" USING btree ("ref");
