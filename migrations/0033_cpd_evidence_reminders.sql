CREATE TABLE "mail_unsubscribe" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_unsubscribe_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_evidence" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_preference" DROP CONSTRAINT "community_preference_unsubscribe_token_unique";--> statement-breakpoint
ALTER TABLE "cpd_settings" ADD COLUMN "remind" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cpd_settings" ADD COLUMN "reminded_year" integer;--> statement-breakpoint
ALTER TABLE "mail_unsubscribe" ADD CONSTRAINT "mail_unsubscribe_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_owner_id_app_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_evidence" ADD CONSTRAINT "cpd_evidence_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_evidence" ADD CONSTRAINT "cpd_evidence_entry_id_cpd_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."cpd_entry"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_file_owner_idx" ON "stored_file" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "cpd_evidence_entry_idx" ON "cpd_evidence" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "cpd_settings_remind_idx" ON "cpd_settings" USING btree ("user_id") WHERE "cpd_settings"."remind";--> statement-breakpoint
-- Hand-added: the unsubscribe tokens already mailed keep working (one per person, now in mail_unsubscribe).
INSERT INTO "mail_unsubscribe" ("user_id", "token") SELECT "user_id", "unsubscribe_token" FROM "community_preference" WHERE "unsubscribe_token" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "community_preference" DROP COLUMN "unsubscribe_token";