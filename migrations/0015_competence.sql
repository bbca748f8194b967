CREATE TABLE "competence_answer" (
	"assessment_id" uuid NOT NULL,
	"area_key" text NOT NULL,
	"statement_key" text NOT NULL,
	"value" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competence_answer_assessment_id_statement_key_pk" PRIMARY KEY("assessment_id","statement_key")
);
--> statement-breakpoint
CREATE TABLE "competence_area_state" (
	"assessment_id" uuid NOT NULL,
	"area_key" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "competence_area_state_assessment_id_area_key_pk" PRIMARY KEY("assessment_id","area_key")
);
--> statement-breakpoint
CREATE TABLE "competence_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"framework_version_id" integer NOT NULL,
	"started_from" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "competence_share" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cpd_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"quarters" integer NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"competence_areas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reflection" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"source_module_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"target_quarters" integer DEFAULT 100 NOT NULL,
	"year_start_month" smallint DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "competence_answer" ADD CONSTRAINT "competence_answer_assessment_id_competence_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."competence_assessment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_area_state" ADD CONSTRAINT "competence_area_state_assessment_id_competence_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."competence_assessment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_assessment" ADD CONSTRAINT "competence_assessment_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_assessment" ADD CONSTRAINT "competence_assessment_framework_version_id_framework_version_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_share" ADD CONSTRAINT "competence_share_assessment_id_competence_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."competence_assessment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_share" ADD CONSTRAINT "competence_share_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_share" ADD CONSTRAINT "competence_share_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_entry" ADD CONSTRAINT "cpd_entry_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_entry" ADD CONSTRAINT "cpd_entry_source_module_id_course_module_id_fk" FOREIGN KEY ("source_module_id") REFERENCES "public"."course_module"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_settings" ADD CONSTRAINT "cpd_settings_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "competence_answer_area_idx" ON "competence_answer" USING btree ("assessment_id","area_key");--> statement-breakpoint
CREATE INDEX "competence_assessment_user_idx" ON "competence_assessment" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "competence_share_assessment_idx" ON "competence_share" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "competence_share_organisation_idx" ON "competence_share" USING btree ("organisation_id","revoked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "competence_share_user_org_idx" ON "competence_share" USING btree ("user_id","organisation_id","assessment_id");--> statement-breakpoint
CREATE INDEX "cpd_entry_user_idx" ON "cpd_entry" USING btree ("user_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_entry_module_idx" ON "cpd_entry" USING btree ("user_id","source_module_id");