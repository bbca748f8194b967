CREATE TABLE "domain_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"channel" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "domain_event_status_check" CHECK ("domain_event"."status" in ('pending', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "domain_event_due_idx" ON "domain_event" USING btree ("next_attempt_at") WHERE "domain_event"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "domain_event_channel_idx" ON "domain_event" USING btree ("channel","id") WHERE "domain_event"."channel" is not null;--> statement-breakpoint
CREATE INDEX "domain_event_status_idx" ON "domain_event" USING btree ("status","created_at");