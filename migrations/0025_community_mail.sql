ALTER TABLE "mail_outbox" ADD COLUMN "unsubscribe" text;--> statement-breakpoint
ALTER TABLE "community_preference" ADD COLUMN "mention_mail" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "community_preference" ADD COLUMN "unsubscribe_token" text;--> statement-breakpoint
CREATE INDEX "community_notification_pending_idx" ON "community_notification" USING btree ("user_id","created_at") WHERE read_at is null and mailed_at is null;--> statement-breakpoint
ALTER TABLE "community_preference" ADD CONSTRAINT "community_preference_unsubscribe_token_unique" UNIQUE("unsubscribe_token");