CREATE TABLE "framework" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "framework_node" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"parent_id" integer,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"code" text,
	"position" integer NOT NULL,
	"draft" boolean DEFAULT false NOT NULL,
	"placeholder" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_node_translation" (
	"node_id" integer NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_node_translation_node_id_locale_pk" PRIMARY KEY("node_id","locale")
);
--> statement-breakpoint
CREATE TABLE "framework_version" (
	"id" serial PRIMARY KEY NOT NULL,
	"framework_id" integer NOT NULL,
	"version" text NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"source_citation" text NOT NULL,
	"source_url" text,
	"licence" text,
	"imported_hash" text,
	"edited_in_platform" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_version_translation" (
	"version_id" integer NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "framework_version_translation_version_id_locale_pk" PRIMARY KEY("version_id","locale")
);
--> statement-breakpoint
ALTER TABLE "framework_node" ADD CONSTRAINT "framework_node_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_node" ADD CONSTRAINT "framework_node_parent_id_framework_node_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."framework_node"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_node_translation" ADD CONSTRAINT "framework_node_translation_node_id_framework_node_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."framework_node"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_version" ADD CONSTRAINT "framework_version_framework_id_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."framework"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_version_translation" ADD CONSTRAINT "framework_version_translation_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "framework_node_key_idx" ON "framework_node" USING btree ("version_id","key");--> statement-breakpoint
CREATE INDEX "framework_node_tree_idx" ON "framework_node" USING btree ("version_id","parent_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_version_idx" ON "framework_version" USING btree ("framework_id","version");