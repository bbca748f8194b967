CREATE TABLE "community_upload" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"uploader_id" uuid,
	"alt" text NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_upload" ADD CONSTRAINT "community_upload_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_upload" ADD CONSTRAINT "community_upload_space_id_community_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."community_space"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_upload" ADD CONSTRAINT "community_upload_uploader_id_app_user_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_upload_uploader_idx" ON "community_upload" USING btree ("uploader_id");--> statement-breakpoint
CREATE INDEX "community_upload_space_idx" ON "community_upload" USING btree ("space_id");--> statement-breakpoint
-- An upload's bytes go with its link row, whichever way the row goes (its space deleted with an organisation or a cohort, its uploader's writing removed).
CREATE OR REPLACE FUNCTION community_upload_delete_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM stored_file WHERE id = OLD.file_id;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER community_upload_delete_file AFTER DELETE ON community_upload FOR EACH ROW EXECUTE FUNCTION community_upload_delete_file();
