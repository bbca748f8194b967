ALTER TABLE "session" ADD COLUMN "rotate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "previous_id" text;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "rotated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "session_previous_idx" ON "session" USING btree ("previous_id");