CREATE TABLE "framework_node_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"locale" text NOT NULL,
	"previous_title" text,
	"previous_body" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "framework_node_revision" ADD CONSTRAINT "framework_node_revision_node_id_framework_node_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."framework_node"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "framework_node_revision_node_idx" ON "framework_node_revision" USING btree ("node_id","created_at");