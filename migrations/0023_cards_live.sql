CREATE TABLE "card_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facilitator_id" uuid NOT NULL,
	"card_ids" integer[] NOT NULL,
	"locale" text NOT NULL,
	"current_index" integer DEFAULT 0 NOT NULL,
	"current_question" integer DEFAULT 0 NOT NULL,
	"forms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"twist_shown" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'lobby' NOT NULL,
	"join_code" text NOT NULL,
	"joining_locked" boolean DEFAULT false NOT NULL,
	"anonymous_answers" boolean DEFAULT true NOT NULL,
	"max_participants" integer DEFAULT 1000 NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_session_join_code_unique" UNIQUE("join_code")
);
--> statement-breakpoint
CREATE TABLE "card_session_answer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"card_id" integer NOT NULL,
	"question_index" integer NOT NULL,
	"value" text NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_session_participant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"display_name" text,
	"user_id" uuid,
	"token_hash" text NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"last_answer_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_session_participant_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "card_session" ADD CONSTRAINT "card_session_facilitator_id_app_user_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_session_answer" ADD CONSTRAINT "card_session_answer_session_id_card_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."card_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_session_answer" ADD CONSTRAINT "card_session_answer_participant_id_card_session_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."card_session_participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_session_answer" ADD CONSTRAINT "card_session_answer_card_id_card_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_session_participant" ADD CONSTRAINT "card_session_participant_session_id_card_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."card_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_session_participant" ADD CONSTRAINT "card_session_participant_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_session_facilitator_idx" ON "card_session" USING btree ("facilitator_id","created_at");--> statement-breakpoint
CREATE INDEX "card_session_expires_idx" ON "card_session" USING btree ("state","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "card_session_answer_unique_idx" ON "card_session_answer" USING btree ("participant_id","card_id","question_index");--> statement-breakpoint
CREATE INDEX "card_session_answer_session_idx" ON "card_session_answer" USING btree ("session_id","card_id","question_index");--> statement-breakpoint
CREATE INDEX "card_session_participant_session_idx" ON "card_session_participant" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "card_session_participant_user_idx" ON "card_session_participant" USING btree ("user_id");