CREATE TABLE "practice_benchmark" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_version_id" integer NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_benchmark_organisation_id_unique" UNIQUE("organisation_id")
);
--> statement-breakpoint
CREATE TABLE "practice_benchmark_element" (
	"benchmark_id" uuid NOT NULL,
	"element_key" text NOT NULL,
	"met" boolean DEFAULT false NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_benchmark_element_benchmark_id_element_key_pk" PRIMARY KEY("benchmark_id","element_key")
);
--> statement-breakpoint
CREATE TABLE "practice_target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"benchmark_id" uuid NOT NULL,
	"theme_key" text NOT NULL,
	"element_key" text,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"owner_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"quality_action_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_target_status" (
	"id" serial PRIMARY KEY NOT NULL,
	"target_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practice_benchmark" ADD CONSTRAINT "practice_benchmark_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_benchmark" ADD CONSTRAINT "practice_benchmark_framework_version_id_framework_version_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_benchmark_element" ADD CONSTRAINT "practice_benchmark_element_benchmark_id_practice_benchmark_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."practice_benchmark"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_target" ADD CONSTRAINT "practice_target_benchmark_id_practice_benchmark_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."practice_benchmark"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_target" ADD CONSTRAINT "practice_target_owner_id_app_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_target" ADD CONSTRAINT "practice_target_quality_action_id_quality_action_id_fk" FOREIGN KEY ("quality_action_id") REFERENCES "public"."quality_action"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_target_status" ADD CONSTRAINT "practice_target_status_target_id_practice_target_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."practice_target"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_benchmark_element_updated_by_idx" ON "practice_benchmark_element" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "practice_target_benchmark_idx" ON "practice_target" USING btree ("benchmark_id","due_on");--> statement-breakpoint
CREATE INDEX "practice_target_owner_idx" ON "practice_target" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "practice_target_quality_action_idx" ON "practice_target" USING btree ("quality_action_id");--> statement-breakpoint
CREATE INDEX "practice_target_status_target_idx" ON "practice_target_status" USING btree ("target_id","changed_at");--> statement-breakpoint
CREATE INDEX "practice_target_status_changed_by_idx" ON "practice_target_status" USING btree ("changed_by");