CREATE TABLE "community_suspension" (
	"space_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"suspended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_suspension_space_id_user_id_pk" PRIMARY KEY("space_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "community_suspension" ADD CONSTRAINT "community_suspension_space_id_community_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."community_space"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_suspension" ADD CONSTRAINT "community_suspension_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_suspension" ADD CONSTRAINT "community_suspension_suspended_by_app_user_id_fk" FOREIGN KEY ("suspended_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;