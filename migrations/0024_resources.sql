CREATE TABLE "resource" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"settings" text[] DEFAULT '{}'::text[] NOT NULL,
	"duration" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"licence" text DEFAULT '' NOT NULL,
	"publisher" text DEFAULT '' NOT NULL,
	"url" text,
	"year" integer,
	"quality_areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"captions" boolean DEFAULT false NOT NULL,
	"own_writing" boolean DEFAULT false NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"author_id" uuid,
	"imported_hash" text,
	"edited_in_platform" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "resource_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "resource_favourite" (
	"user_id" uuid NOT NULL,
	"resource_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_favourite_user_id_resource_id_pk" PRIMARY KEY("user_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "resource_link" (
	"resource_id" integer NOT NULL,
	"framework_slug" text NOT NULL,
	"node_key" text NOT NULL,
	CONSTRAINT "resource_link_resource_id_framework_slug_node_key_pk" PRIMARY KEY("resource_id","framework_slug","node_key")
);
--> statement-breakpoint
CREATE TABLE "resource_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_plan_step" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"resource_id" integer NOT NULL,
	"position" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_translation" (
	"resource_id" integer NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'current' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_translation_resource_id_locale_pk" PRIMARY KEY("resource_id","locale")
);
--> statement-breakpoint
ALTER TABLE "resource" ADD CONSTRAINT "resource_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_favourite" ADD CONSTRAINT "resource_favourite_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_favourite" ADD CONSTRAINT "resource_favourite_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_link" ADD CONSTRAINT "resource_link_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_plan" ADD CONSTRAINT "resource_plan_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_plan" ADD CONSTRAINT "resource_plan_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_plan_step" ADD CONSTRAINT "resource_plan_step_plan_id_resource_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."resource_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_plan_step" ADD CONSTRAINT "resource_plan_step_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_translation" ADD CONSTRAINT "resource_translation_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_status_kind_idx" ON "resource" USING btree ("status","kind");--> statement-breakpoint
CREATE INDEX "resource_duration_idx" ON "resource" USING btree ("duration");--> statement-breakpoint
CREATE INDEX "resource_author_idx" ON "resource" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "resource_sectors_idx" ON "resource" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "resource_targets_idx" ON "resource" USING gin ("targets");--> statement-breakpoint
CREATE INDEX "resource_settings_idx" ON "resource" USING gin ("settings");--> statement-breakpoint
CREATE INDEX "resource_languages_idx" ON "resource" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "resource_quality_areas_idx" ON "resource" USING gin ("quality_areas");--> statement-breakpoint
CREATE INDEX "resource_favourite_resource_idx" ON "resource_favourite" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "resource_link_node_idx" ON "resource_link" USING btree ("framework_slug","node_key");--> statement-breakpoint
CREATE INDEX "resource_plan_user_idx" ON "resource_plan" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "resource_plan_organisation_idx" ON "resource_plan" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "resource_plan_step_plan_idx" ON "resource_plan_step" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "resource_translation_locale_idx" ON "resource_translation" USING btree ("locale");