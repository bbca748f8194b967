CREATE TABLE "glossary_proposal" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" uuid,
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"definition" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"link" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"term_id" integer,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "glossary_proposal" ADD CONSTRAINT "glossary_proposal_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_proposal" ADD CONSTRAINT "glossary_proposal_term_id_glossary_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."glossary_term"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "glossary_proposal_status_idx" ON "glossary_proposal" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "glossary_proposal_author_idx" ON "glossary_proposal" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "glossary_proposal_term_idx" ON "glossary_proposal" USING btree ("term_id");