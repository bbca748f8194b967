CREATE TABLE "course_cover_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"mime" text,
	"data" "bytea",
	"sha256" text,
	"alts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course" ADD COLUMN "cover_mime" text;--> statement-breakpoint
ALTER TABLE "course" ADD COLUMN "cover_data" "bytea";--> statement-breakpoint
ALTER TABLE "course" ADD COLUMN "cover_sha256" text;--> statement-breakpoint
ALTER TABLE "course_cover_revision" ADD CONSTRAINT "course_cover_revision_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_cover_revision_course_idx" ON "course_cover_revision" USING btree ("course_id","created_at");--> statement-breakpoint
CREATE INDEX "course_cover_sha_idx" ON "course" USING btree ("cover_sha256");--> statement-breakpoint
-- The covers imported so far were SVG text: kept as their UTF-8 bytes, with their type and hash.
UPDATE "course" SET "cover_mime" = 'image/svg+xml', "cover_data" = convert_to("cover", 'UTF8'), "cover_sha256" = encode(sha256(convert_to("cover", 'UTF8')), 'hex') WHERE "cover" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "course" DROP COLUMN "cover";
