CREATE TABLE "quality_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"round_id" uuid,
	"criterion_key" text,
	"goal" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"deadline" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"course_slug" text,
	"lesson_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_answer" (
	"rater_id" uuid NOT NULL,
	"indicator_key" text NOT NULL,
	"value" integer,
	"evidence" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_answer_rater_id_indicator_key_pk" PRIMARY KEY("rater_id","indicator_key")
);
--> statement-breakpoint
CREATE TABLE "quality_rater" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid,
	"role" text NOT NULL,
	"link_hash" text,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_rater_area" (
	"rater_id" uuid NOT NULL,
	"area_key" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_rater_area_rater_id_area_key_pk" PRIMARY KEY("rater_id","area_key")
);
--> statement-breakpoint
CREATE TABLE "quality_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_version_id" integer NOT NULL,
	"title" text NOT NULL,
	"deadline" date NOT NULL,
	"anonymous" boolean DEFAULT true NOT NULL,
	"rater_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"area_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "quality_action" ADD CONSTRAINT "quality_action_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_action" ADD CONSTRAINT "quality_action_round_id_quality_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."quality_round"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_action" ADD CONSTRAINT "quality_action_owner_id_app_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_answer" ADD CONSTRAINT "quality_answer_rater_id_quality_rater_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."quality_rater"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_rater" ADD CONSTRAINT "quality_rater_round_id_quality_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."quality_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_rater" ADD CONSTRAINT "quality_rater_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_rater_area" ADD CONSTRAINT "quality_rater_area_rater_id_quality_rater_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."quality_rater"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_round" ADD CONSTRAINT "quality_round_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_round" ADD CONSTRAINT "quality_round_framework_version_id_framework_version_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_action_organisation_idx" ON "quality_action" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "quality_action_owner_idx" ON "quality_action" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "quality_rater_round_idx" ON "quality_rater" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_rater_user_idx" ON "quality_rater" USING btree ("user_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_rater_link_idx" ON "quality_rater" USING btree ("link_hash");--> statement-breakpoint
CREATE INDEX "quality_round_organisation_idx" ON "quality_round" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "quality_round_created_by_idx" ON "quality_round" USING btree ("created_by");