CREATE TABLE "quality_benchmark_contribution" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"framework_version_id" integer NOT NULL,
	"medians" jsonb NOT NULL,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_benchmark_opt_in" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"opted_in_by" uuid,
	"opted_in_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quality_round" ADD COLUMN "live_results" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "quality_benchmark_contribution" ADD CONSTRAINT "quality_benchmark_contribution_round_id_quality_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."quality_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_benchmark_contribution" ADD CONSTRAINT "quality_benchmark_contribution_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_benchmark_contribution" ADD CONSTRAINT "quality_benchmark_contribution_framework_version_id_framework_version_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_benchmark_opt_in" ADD CONSTRAINT "quality_benchmark_opt_in_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_benchmark_sector_idx" ON "quality_benchmark_contribution" USING btree ("framework_version_id","sector","organisation_id","closed_at");--> statement-breakpoint
CREATE INDEX "quality_benchmark_organisation_idx" ON "quality_benchmark_contribution" USING btree ("organisation_id");