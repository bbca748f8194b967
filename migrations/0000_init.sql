CREATE TABLE "glossary_term" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"source_citation" text NOT NULL,
	"source_url" text,
	"related" text[] DEFAULT '{}'::text[] NOT NULL,
	"imported_hash" text,
	"edited_in_platform" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "glossary_term_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "glossary_translation" (
	"term_id" integer NOT NULL,
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"definition" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "glossary_translation_term_id_locale_pk" PRIMARY KEY("term_id","locale")
);
--> statement-breakpoint
ALTER TABLE "glossary_translation" ADD CONSTRAINT "glossary_translation_term_id_glossary_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."glossary_term"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "glossary_translation_locale_term_idx" ON "glossary_translation" USING btree ("locale","term");