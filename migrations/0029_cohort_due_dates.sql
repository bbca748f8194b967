CREATE TABLE "cohort_due_reminder" (
	"cohort_id" uuid NOT NULL,
	"module_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_due_reminder_cohort_id_module_id_user_id_pk" PRIMARY KEY("cohort_id","module_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cohort_module_due" (
	"cohort_id" uuid NOT NULL,
	"module_id" integer NOT NULL,
	"due_on" date NOT NULL,
	CONSTRAINT "cohort_module_due_cohort_id_module_id_pk" PRIMARY KEY("cohort_id","module_id")
);
--> statement-breakpoint
ALTER TABLE "cohort_due_reminder" ADD CONSTRAINT "cohort_due_reminder_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_due_reminder" ADD CONSTRAINT "cohort_due_reminder_module_id_course_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."course_module"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_due_reminder" ADD CONSTRAINT "cohort_due_reminder_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_module_due" ADD CONSTRAINT "cohort_module_due_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_module_due" ADD CONSTRAINT "cohort_module_due_module_id_course_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."course_module"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_module_due_on_idx" ON "cohort_module_due" USING btree ("due_on");