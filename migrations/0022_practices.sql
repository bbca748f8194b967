CREATE TABLE "practice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text,
	"organisation_id" uuid,
	"owner_id" uuid,
	"framework_version_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"sector" text NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_year" integer,
	"licence" text DEFAULT 'CC-BY-4.0' NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"functions" text[] DEFAULT '{}'::text[] NOT NULL,
	"rationales" text[] DEFAULT '{}'::text[] NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"funding" text[] DEFAULT '{}'::text[] NOT NULL,
	"barriers" text[] DEFAULT '{}'::text[] NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"example" boolean DEFAULT false NOT NULL,
	"review_comment" text DEFAULT '' NOT NULL,
	"imported_hash" text,
	"edited_in_platform" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	CONSTRAINT "practice_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "practice_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"fields" jsonb NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practice" ADD CONSTRAINT "practice_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice" ADD CONSTRAINT "practice_owner_id_app_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice" ADD CONSTRAINT "practice_framework_version_id_framework_version_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_revision" ADD CONSTRAINT "practice_revision_practice_id_practice_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practice"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_status_idx" ON "practice" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "practice_country_idx" ON "practice" USING btree ("country");--> statement-breakpoint
CREATE INDEX "practice_sector_idx" ON "practice" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "practice_start_year_idx" ON "practice" USING btree ("start_year");--> statement-breakpoint
CREATE INDEX "practice_organisation_idx" ON "practice" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "practice_owner_idx" ON "practice" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "practice_themes_idx" ON "practice" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "practice_functions_idx" ON "practice" USING gin ("functions");--> statement-breakpoint
CREATE INDEX "practice_rationales_idx" ON "practice" USING gin ("rationales");--> statement-breakpoint
CREATE INDEX "practice_audiences_idx" ON "practice" USING gin ("audiences");--> statement-breakpoint
CREATE INDEX "practice_funding_idx" ON "practice" USING gin ("funding");--> statement-breakpoint
CREATE INDEX "practice_barriers_idx" ON "practice" USING gin ("barriers");--> statement-breakpoint
CREATE INDEX "practice_channels_idx" ON "practice" USING gin ("channels");--> statement-breakpoint
CREATE INDEX "practice_revision_practice_idx" ON "practice_revision" USING btree ("practice_id","created_at");--> statement-breakpoint
CREATE INDEX "practice_revision_editor_idx" ON "practice_revision" USING btree ("editor_id");