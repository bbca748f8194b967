ALTER TABLE "mail_outbox" ADD COLUMN "link" text;--> statement-breakpoint
-- Mails stored before this change carry their links (tokens) in the text: move the link of an
-- undelivered mail to the new column and put the slot in its place everywhere.
UPDATE "mail_outbox" SET "link" = substring("text" from 'https?://\S+') WHERE "sent_at" IS NULL;--> statement-breakpoint
UPDATE "mail_outbox" SET "text" = regexp_replace("text", 'https?://\S+', '{{praxis:link}}', 'g'), "html" = regexp_replace("html", 'href="[^"]*"', 'href="{{praxis:link}}"', 'g');
