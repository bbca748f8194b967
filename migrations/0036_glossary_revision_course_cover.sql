CREATE TABLE "glossary_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"locale" text NOT NULL,
	"previous_term" text,
	"previous_definition" text,
	"term" text NOT NULL,
	"definition" text NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course" ADD COLUMN "cover" text;--> statement-breakpoint
ALTER TABLE "course_translation" ADD COLUMN "cover_alt" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_revision" ADD CONSTRAINT "glossary_revision_term_id_glossary_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."glossary_term"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "glossary_revision_term_idx" ON "glossary_revision" USING btree ("term_id","created_at");