CREATE TABLE "lesson_text_draft" (
	"lesson_id" integer NOT NULL,
	"locale" text NOT NULL,
	"editor_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_text_draft_lesson_id_locale_editor_id_pk" PRIMARY KEY("lesson_id","locale","editor_id")
);
--> statement-breakpoint
ALTER TABLE "lesson_text_draft" ADD CONSTRAINT "lesson_text_draft_lesson_id_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lesson"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_text_draft" ADD CONSTRAINT "lesson_text_draft_editor_id_app_user_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;