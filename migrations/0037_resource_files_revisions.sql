CREATE TABLE "resource_file" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"resource_id" integer NOT NULL,
	"role" text NOT NULL,
	"language" text
);
--> statement-breakpoint
CREATE TABLE "resource_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"resource_id" integer NOT NULL,
	"locale" text NOT NULL,
	"previous_title" text,
	"previous_summary" text,
	"previous_body" text,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_file" ALTER COLUMN "owner_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "resource_file" ADD CONSTRAINT "resource_file_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_file" ADD CONSTRAINT "resource_file_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_revision" ADD CONSTRAINT "resource_revision_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_file_resource_idx" ON "resource_file" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "resource_revision_resource_idx" ON "resource_revision" USING btree ("resource_id","locale","created_at");