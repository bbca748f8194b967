CREATE TABLE "card" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"deck" text NOT NULL,
	"position" integer NOT NULL,
	"sector" text,
	"client_group" text,
	"guidelines" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"own_writing" boolean DEFAULT true NOT NULL,
	"imported_hash" text,
	"edited_in_platform" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "card_reflection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"card_id" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"card_id" integer NOT NULL,
	"locale" text NOT NULL,
	"source" text NOT NULL,
	"previous" jsonb,
	"current" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_translation" (
	"card_id" integer NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"questions" text[] DEFAULT '{}'::text[] NOT NULL,
	"twists" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_translation_card_id_locale_pk" PRIMARY KEY("card_id","locale")
);
--> statement-breakpoint
ALTER TABLE "card_reflection" ADD CONSTRAINT "card_reflection_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_reflection" ADD CONSTRAINT "card_reflection_card_id_card_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_revision" ADD CONSTRAINT "card_revision_card_id_card_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_translation" ADD CONSTRAINT "card_translation_card_id_card_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_deck_idx" ON "card" USING btree ("deck","position");--> statement-breakpoint
CREATE INDEX "card_sector_idx" ON "card" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "card_client_group_idx" ON "card" USING btree ("client_group");--> statement-breakpoint
CREATE INDEX "card_guidelines_idx" ON "card" USING gin ("guidelines");--> statement-breakpoint
CREATE UNIQUE INDEX "card_reflection_user_card_idx" ON "card_reflection" USING btree ("user_id","card_id");--> statement-breakpoint
CREATE INDEX "card_reflection_user_idx" ON "card_reflection" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "card_revision_card_idx" ON "card_revision" USING btree ("card_id","created_at");